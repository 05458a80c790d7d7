// Runs the browser's JSON Logic engine (Sources/BulletinServer/Web/json-logic.js) against
// jsonlogic.com's tests (every case must pass) and the community compatibility tables.
//
//   node Tests/JSONLogic/run_suites.mjs [CONFORMANCE_DIR]
//
// The suites are read where they lie (argument, else $CONFORMANCE_DIR, else ../shared/conformance
// next to the repository); they are never copied into the project. Exits 1 when an official test
// fails, 0 otherwise (also when the suites are absent, which is reported as skipped).

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jsonLogic } from "./engines.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const folder = resolve(process.argv[2] || process.env.CONFORMANCE_DIR || join(root, "../shared/conformance"));
const officialFile = join(folder, "json-logic-official/tests.json");
const compatFolder = join(folder, "json-logic-compat-tables/suites");

if (!existsSync(officialFile) || !existsSync(join(compatFolder, "index.json"))) {
  console.log(`skipped: conformance suites not found in ${folder}: set CONFORMANCE_DIR to run them`);
  process.exit(0);
}

const { apply, LogicError } = await loadEngine();
const readJSON = (file) => JSON.parse(readFileSync(file, "utf8"));

const official = readJSON(officialFile).filter(Array.isArray);
const officialFailures = official.filter(([rule, data, expected]) => !outcomeMatches(rule, data, { result: expected }));
console.log(`JSON Logic official tests (JavaScript): ${official.length - officialFailures.length}/${official.length} pass`);
for (const [rule, data, expected] of officialFailures) {
  console.log(`  official: ${JSON.stringify(rule)} with ${JSON.stringify(data)}, expected ${JSON.stringify(expected)}`);
}

let total = 0;
const compatFailures = [];
for (const file of readJSON(join(compatFolder, "index.json"))) {
  for (const test of readJSON(join(compatFolder, file))) {
    if (typeof test === "string") continue; // a comment or section header
    total += 1;
    if (!outcomeMatches(test.rule, "data" in test ? test.data : null, test)) compatFailures.push(`${file}: ${test.description}`);
  }
}
const passed = total - compatFailures.length;
console.log(`JSON Logic compatibility tables (JavaScript): ${passed}/${total} pass (${((passed / total) * 100).toFixed(1)} %)`);
for (const failure of compatFailures) console.log(`  failing: ${failure}`);

process.exitCode = officialFailures.length === 0 ? 0 : 1;

/** Whether evaluating gives the case's `result`, or fails with its `error.type`. */
function outcomeMatches(rule, data, expected) {
  let result;
  try {
    result = apply(rule, data);
  } catch (error) {
    if (!("error" in expected)) return false;
    // The reference runner reads a thrown NaN as the type "NaN".
    const type = error instanceof LogicError ? error.type : Number.isNaN(error) ? "NaN" : undefined;
    return type !== undefined && deepEqual(type, expected.error.type);
  }
  return "result" in expected && deepEqual(result, expected.result);
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
}

/** The engine, loaded as engines.mjs loads it for every Node runner. */
function loadEngine() {
  return jsonLogic();
}
