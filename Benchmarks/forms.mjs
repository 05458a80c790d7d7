// The browser's form engine (form-engine.js over json-logic.js) timed in Node, on the form that
// `bulletin bench forms` times in Swift:
//
//   bulletin bench forms --print-definition [--fields 200] [--rules 100] | node Benchmarks/forms.mjs [--iterations N]
//   node Benchmarks/forms.mjs [--iterations N] form.json
//
// Reads `{fields, rules, definition, answers, changedAnswers, changedKey}` (stdin, or the file
// named), then times evaluateForm after one answer changed (alternating between the answers and
// the changed answers, as the Swift side does), validateAnswers of the full submission, and
// readDefinition, each call one sample (performance.now()), after a warm-up. Prints one line per
// measure, as the Swift side does. Node stands in for the browser: the same V8 engine, without
// a page around it.

import { readFileSync } from "node:fs";
import { formEngine } from "../Tests/JSONLogic/engines.mjs";

const { readDefinition, evaluateForm, validateAnswers } = await formEngine();

const args = process.argv.slice(2);
let iterations = 2_000;
let file = 0; // stdin
for (let index = 0; index < args.length; index += 1) {
  if (args[index] === "--iterations") {
    iterations = Number(args[(index += 1)]);
    if (!Number.isInteger(iterations) || iterations < 1) throw new Error("--iterations takes a whole number above 0");
  } else {
    file = args[index];
  }
}

const form = JSON.parse(readFileSync(file, "utf8"));
const { fields, rules, answers, changedAnswers, changedKey } = form;
const { definition, problems } = readDefinition(form.definition);
if (definition === null) throw new Error(`the form is refused: ${JSON.stringify(problems.slice(0, 5))}`);
const accepted = validateAnswers(definition, answers);
if (accepted.problems.length > 0) throw new Error(`the submission is refused: ${JSON.stringify(accepted.problems.slice(0, 5))}`);
const before = evaluateForm(definition, answers);
const after = evaluateForm(definition, changedAnswers);
const visible = ({ states }) => states.filter((state) => state.visible && definition.fields.has(state.key) && state.key !== null).length;
console.log(
  `form: ${fields} fields, ${rules} rules; ${definition.fieldOrder.length} answer keys, ${before.states.length} element states ` +
    `per evaluation; visible fields ${visible(before)} before and ${visible(after)} after changing ${changedKey}; ` +
    `the submission is accepted (Node ${process.version})`,
);

/** Times `body` once per iteration after a warm-up; its results are summed so none is left out. */
function measure(name, targetMicroseconds, body) {
  let sink = 0;
  for (let iteration = 0; iteration < Math.max(20, Math.floor(iterations / 10)); iteration += 1) sink += body(iteration);
  const samples = new Float64Array(iterations);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const start = performance.now();
    sink += body(iteration);
    samples[iteration] = (performance.now() - start) * 1000;
  }
  samples.sort();
  // The same ranks as BulletinCore's Percentiles: the smallest sample with at least p % at or below it.
  const rank = (percent) => samples[Math.min(Math.max(Math.ceil((percent / 100) * samples.length) - 1, 0), samples.length - 1)];
  const [median, p95] = [rank(50), rank(95)];
  const target = targetMicroseconds === null ? " (no target)" : ` (target < ${targetMicroseconds} µs: ${median < targetMicroseconds ? "met" : "not met"})`;
  return `${name}: median ${median.toFixed(1)} µs, p95 ${p95.toFixed(1)} µs${target}${Number.isNaN(sink) ? " " : ""}`;
}

const size = `${fields} fields, ${rules} rules`;
const alternatives = [changedAnswers, answers];
const lines = [
  measure(`evaluate ${size}`, 1_000, (iteration) => evaluateForm(definition, alternatives[iteration & 1]).states.length),
  measure(`validate ${size}`, null, () => validateAnswers(definition, answers).problems.length + 1),
  measure(`parse ${size}`, null, () => readDefinition(form.definition).definition.fieldOrder.length),
];
for (const line of lines) console.log(line);
