// The browser form engine's side of the differential test against BulletinForms (Swift).
//
//   node Tests/JSONLogic/evaluate_forms.mjs < cases.json
//
// Reads a JSON array of cases `{"definition": ..., "answers": {...}, "complete": bool}` from stdin
// and writes a JSON array of the same length. A refused definition gives
// `{"problems": [pointer, ...]}` (readDefinition's pointers, sorted, each once); an accepted one
// gives `{"values", "states": [{pointer, rows, visible, enabled, required}], "problemPointers",
// "accepted"}`: evaluateForm on the answers as they are, then validateAnswers with `complete`.
// An exception is a bug in the engine and ends the run with status 1.

import { readFileSync } from "node:fs";
import { formEngine } from "./engines.mjs";

const { readDefinition, evaluateForm, validateAnswers } = await formEngine();

const sortedPointers = (problems) => [...new Set(problems.map(({ pointer }) => pointer))].sort();

const cases = JSON.parse(readFileSync(0, "utf8"));
if (!Array.isArray(cases)) throw new TypeError("stdin must hold a JSON array of {definition, answers, complete} cases");

const outcomes = cases.map(({ definition: json = null, answers = {}, complete = true }) => {
  const { definition, problems } = readDefinition(json);
  if (definition === null) return { problems: sortedPointers(problems) };
  const { values, states } = evaluateForm(definition, answers);
  const validation = validateAnswers(definition, answers, { complete });
  return {
    values,
    states: states.map(({ pointer, rows, visible, enabled, required }) => ({ pointer, rows, visible, enabled, required })),
    problemPointers: sortedPointers(validation.problems),
    accepted: validation.problems.length === 0,
  };
});
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
