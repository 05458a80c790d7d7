// The web UI's rule and form engines, loaded into Node for the conformance runners, the
// differential tests and the benchmark.
//
// Through data: URLs, because without a package.json Node would read the engines' .js files
// as CommonJS; form-engine.js imports "/ui/json-logic.js" as the browser does, and that import
// becomes the rule engine's data: URL.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "Sources/BulletinServer/Web");
const dataURL = (source) => `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`;
const logicURL = dataURL(readFileSync(join(web, "json-logic.js"), "utf8"));

/** json-logic.js: `apply`, `truthy`, `LogicError`. */
export const jsonLogic = () => import(logicURL);

/** form-engine.js over json-logic.js: `readDefinition`, `evaluateForm`, `validateAnswers`. */
export function formEngine() {
  const source = readFileSync(join(web, "form-engine.js"), "utf8");
  if (!source.includes('"/ui/json-logic.js"')) throw new Error('form-engine.js no longer imports "/ui/json-logic.js"');
  return import(dataURL(source.replaceAll('"/ui/json-logic.js"', JSON.stringify(logicURL))));
}
