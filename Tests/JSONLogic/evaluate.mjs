// The browser engine's side of the differential test against the Swift engine.
//
//   node Tests/JSONLogic/evaluate.mjs < cases.json
//
// Reads a JSON array of cases `{"rule": ..., "data": ...}` (missing data is null) from stdin and
// writes a JSON array of the same length: `{"result": value}` or `{"error": type}` per case, type
// being the LogicError's ("NaN", "Invalid Arguments", "Unknown Operator" or a thrown value).
// Results are always JSON: the engine fails with "NaN" rather than produce a non-finite number.
// An exception that is no LogicError is a bug in the engine and ends the run with status 1.

import { readFileSync } from "node:fs";
import { jsonLogic } from "./engines.mjs";

const { apply, LogicError } = await jsonLogic();

const cases = JSON.parse(readFileSync(0, "utf8"));
if (!Array.isArray(cases)) throw new TypeError("stdin must hold a JSON array of {rule, data} cases");

const outcomes = cases.map(({ rule = null, data = null }) => {
  try {
    return { result: apply(rule, data) };
  } catch (error) {
    if (!(error instanceof LogicError)) throw error;
    return { error: error.type };
  }
});
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
