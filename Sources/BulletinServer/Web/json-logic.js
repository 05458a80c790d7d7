// JSON Logic (jsonlogic.com) for the browser: form rules are evaluated here and, with the same
// answers, by the server's Swift engine (BulletinForms, `JSONLogic`). A differential test holds the
// two together, so every rule below is a contract; change both engines or neither.
//
// Conformance: all of jsonlogic.com's `tests.json`, and the community compatibility tables
// (json-logic/compat-tables) where the official tests are silent. The rest is decided here:
//
// Values and rules
// - Values are JSON. An object with exactly one key is a rule (an unknown key throws
//   "Unknown Operator"); any other object is a literal and is returned as it is, unevaluated.
//   Arrays are evaluated element by element; other values are themselves.
// - Errors are `LogicError`s whose `type` is "NaN", "Invalid Arguments", "Unknown Operator" or,
//   for `throw`, the thrown value (a thrown object's `type` member when it has one).
//
// Arguments
// - Eager operators (var val exists missing missing_some + - * / % min max cat substr in merge
//   ?? log) evaluate a written array element by element. A single argument that is a rule is
//   evaluated and, when it yields an array, that array is the argument list ("chaining",
//   `{"max": {"val": "list"}}`); any other single argument is a list of one.
// - `!`, `!!` and `throw` take one value: the first element of a written array (null when
//   empty; later elements are not evaluated), else the value of the argument.
// - Lazy operators (if ?: and or == != === !== < <= > >= map filter reduce all some none) need a
//   written array; anything else, chained or not, throws "Invalid Arguments".
// - Arguments evaluate left to right; the first failure wins.
//
// Truthiness: JavaScript's, except that [] is false. Objects are always true.
//
// Numbers
// - Coercion: numbers as they are, true 1, false 0, null 0, strings by JavaScript's Number()
//   (surrounding white space ignored, "" is 0, [+-] decimal with optional exponent, [+-]Infinity,
//   unsigned 0x/0o/0b integers). Arrays, objects and other strings throw "NaN".
// - Arithmetic coerces every operand first, then checks the count: + of none is 0, * of none 1;
//   - and / need one (negation, reciprocal), % needs two, else "Invalid Arguments".
//   % is JavaScript's (sign of the dividend). A result that is not finite (x/0, 0/0, overflow)
//   throws "NaN"; -0 is returned as 0.
// - min/max take only JSON numbers, at least one, else "Invalid Arguments" (the community
//   engine's own min/max suites).
//
// Comparison (2 or more arguments, else "Invalid Arguments"; chained pairwise and lazily: the
// first pair that fails stops evaluation, so `{"<": [1, 2, 3]}` is "between")
// - < <= > >=: two strings by UTF-16 code units; otherwise both as numbers (coercion above).
// - ==: null == null; two strings, two Booleans or two numbers as they are; otherwise both as
//   numbers, so null == 0, false == null, "1" == true, and an array, object or non-numeric string
//   against another type throws "NaN". != is its negation per pair.
// - ===: same type and value; an array or object is never strictly equal to anything (JSON has no
//   identity). !== is its negation per pair.
//
// Text: null is "", numbers as Number.prototype.toString prints them (1e+21, 1e-7, -0 as 0),
// arrays as their elements' text joined by ",", objects as "[object Object]".
// - cat: the text of every argument, joined.
// - substr [text, start = 0, length]: UTF-16 code units; start and length coerced as numbers
//   (non-numeric: "NaN") and truncated toward zero; a negative start counts from the end
//   (clamped to 0); a negative length stops that many units before the end; a length argument
//   that is present but null is 0.
// - in [item, container]: container string: contains the item's text ("" always); container
//   array: holds an element === item; anything else: false.
// - merge: arrays spliced one level, other values kept as elements.
//
// Data
// - Scopes: iterators evaluate their body with two scopes pushed on the current one: first
//   {"index": i}, then the item (reduce: {"current": item, "accumulator": value}). A `try`
//   fallback pushes null, then the error's payload. `val` climbs scopes with [[n], ...].
// - var [path, default]: path null, "" or [] is the current data, returned as it is; a string is
//   split on "."; a number is one segment; anything else is one segment, its text. When the path
//   leads nowhere or to null the default (else null) is returned; false, 0 and "" are values.
// - val [segments...]: segments are not split. When the first is an array whose first element
//   is a number n, the lookup starts |n| (truncated) scopes up; above the root it finds nothing.
//   Nothing found is null; [] alone is the current data.
// - exists [segments...]: whether val's lookup finds something (a stored null counts).
// - Lookup steps: in an object, the member named by the segment's text (own members only); in an
//   array, a segment that is an integer >= 0 or a string of canonical decimal digits ("0",
//   "12", not "01" or "+1") in range; anything else finds nothing.
// - missing [keys...] (or [[keys...]]): the keys whose var lookup is null or "".
// - missing_some [need, [keys...]]: [] when at least `need` keys are present, else the missing
//   keys; a second argument that is no array is "Invalid Arguments" (checked before `need` is
//   coerced as a number).
//
// Control
// - if / ?: [c1, v1, c2, v2, ..., else]: the value of the first truthy condition, else the last
//   odd argument, else null; [] is null, [x] is x.
// - and / or: the first falsy / truthy value, else the last one; [] is false.
// - ??: the first value that is not null, else null.
// - try [a, b, ...]: the first alternative that does not fail; each fallback sees the previous
//   error's payload ({"type": ...}, or a thrown object as it is) as its data. All failing
//   rethrows the last error; [] is "Invalid Arguments"; a single non-array argument is one
//   alternative.
// - throw v: fails with v. preserve: its argument, unevaluated. log: its first argument, no output.
//
// Iterators [list, body(, initial)]: fewer than two arguments, a written null list, or (map,
// filter, reduce) a written null body are "Invalid Arguments". A list that evaluates to null is
// empty for map, filter and reduce and "Invalid Arguments" for all, some and none; any other
// non-array is "Invalid Arguments". reduce starts from `initial` (evaluated after the list), else
// null. all of [] is false, some of [] false, none of [] true.

/**
 * A rule that could not be evaluated. `type` is "NaN", "Invalid Arguments", "Unknown Operator"
 * or what a `throw` threw; `payload` is the error as a `try` fallback sees it (`{"type": ...}`).
 */
export class LogicError extends Error {
  constructor(type, { payload = { type }, detail = "" } = {}) {
    super(`${typeof type === "string" ? type : JSON.stringify(type)}${detail}`);
    this.name = "LogicError";
    this.type = type;
    this.payload = payload;
  }
}

/** Whether a value counts as true in JSON Logic: JavaScript's truthiness, but [] is false. */
export function truthy(value) {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

/**
 * Evaluates a JSON Logic rule against data and returns a JSON value.
 * Throws a `LogicError` when the rule cannot be evaluated.
 */
export function apply(rule, data = null) {
  return evaluate(rule, { data: data ?? null, parent: null });
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function evaluate(rule, scope) {
  if (Array.isArray(rule)) return rule.map((element) => evaluate(element, scope));
  const name = operatorOf(rule);
  if (name === null) return rule;
  // A Map, so that names such as "constructor" or "__proto__" are unknown, not inherited.
  const operator = operators.get(name);
  if (!operator) throw new LogicError("Unknown Operator", { detail: `: ${name}` });
  return operator(rule[name], scope);
}

function operatorOf(rule) {
  if (!isObject(rule)) return null;
  const keys = Object.keys(rule);
  return keys.length === 1 ? keys[0] : null;
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A scope for an iterator's body or a try fallback: two levels for `val` to climb. */
function inner(scope, meta, data) {
  return { data, parent: { data: meta, parent: scope } };
}

const invalid = () => new LogicError("Invalid Arguments");
const notANumber = () => new LogicError("NaN");

// ---------------------------------------------------------------------------------------------
// Arguments

function values(args, scope) {
  if (Array.isArray(args)) return args.map((element) => evaluate(element, scope));
  const value = evaluate(args, scope);
  // Only a rule's answer can be a list of arguments; a literal array argument was handled above.
  return operatorOf(args) !== null && Array.isArray(value) ? value : [value];
}

function written(args) {
  // Lazy operators decide what to evaluate, so their arguments must be visible before evaluation.
  if (!Array.isArray(args)) throw invalid();
  return args;
}

function single(args, scope) {
  if (!Array.isArray(args)) return evaluate(args, scope);
  return args.length > 0 ? evaluate(args[0], scope) : null;
}

// ---------------------------------------------------------------------------------------------
// Coercion

function toNumber(value) {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === "string") {
    const number = Number(value);
    if (!Number.isNaN(number)) return number;
  }
  throw notANumber();
}

function finite(number) {
  if (!Number.isFinite(number)) throw notANumber();
  return number + 0; // turns -0 into 0, which JSON and the Swift engine would print differently
}

function text(value) {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map(text).join(",");
  if (typeof value === "object") return "[object Object]";
  return String(value);
}

function integer(value) {
  return Math.trunc(toNumber(value));
}

function looselyEqual(left, right) {
  if (left === null && right === null) return true;
  const type = typeof left;
  if (type === typeof right && (type === "string" || type === "number" || type === "boolean")) {
    return left === right;
  }
  return toNumber(left) === toNumber(right);
}

function strictlyEqual(left, right) {
  // JavaScript would compare arrays and objects by identity, which JSON does not have.
  return (left === null || typeof left !== "object") && left === right;
}

function order(left, right) {
  if (typeof left === "string" && typeof right === "string") {
    // JavaScript's string comparison is by UTF-16 code units, which the Swift engine copies.
    return left < right ? -1 : left === right ? 0 : 1;
  }
  const a = toNumber(left);
  const b = toNumber(right);
  return a < b ? -1 : a === b ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Data

function lookUp(data, segments) {
  let node = data;
  for (const segment of segments) {
    if (isObject(node)) {
      const key = text(segment);
      if (!Object.hasOwn(node, key)) return undefined;
      node = node[key];
    } else if (Array.isArray(node)) {
      const index = arrayIndex(segment);
      if (index === undefined || index >= node.length) return undefined;
      node = node[index];
    } else {
      return undefined;
    }
  }
  return node;
}

function arrayIndex(segment) {
  if (typeof segment === "number") return Number.isInteger(segment) && segment >= 0 ? segment : undefined;
  if (typeof segment === "string" && /^(0|[1-9][0-9]*)$/.test(segment)) return Number(segment);
  return undefined;
}

function variable([path = null, fallback = null], scope) {
  const segments = varSegments(path);
  if (segments.length === 0) return scope.data;
  const found = lookUp(scope.data, segments);
  return found === undefined || found === null ? fallback : found;
}

function varSegments(path) {
  if (path === null || path === "" || (Array.isArray(path) && path.length === 0)) return [];
  if (typeof path === "string") return path.split(".");
  if (typeof path === "number") return [path];
  return [text(path)];
}

/** val's and exists' lookup: `undefined` when nothing is found. */
function resolve(segments, scope) {
  const [first] = segments;
  if (!Array.isArray(first) || typeof first[0] !== "number") return lookUp(scope.data, segments);
  let levels = Math.trunc(Math.abs(first[0]));
  let target = scope;
  while (levels > 0 && target !== null) {
    target = target.parent;
    levels -= 1;
  }
  return target === null ? undefined : lookUp(target.data, segments.slice(1));
}

function missingKeys(keys, scope) {
  return keys.filter((key) => {
    const value = variable([key], scope);
    return value === null || value === "";
  });
}

// ---------------------------------------------------------------------------------------------
// Operators

function arithmetic(fold, { empty, unary, minimum }) {
  return (args, scope) => {
    const numbers = values(args, scope).map(toNumber);
    if (numbers.length < minimum) throw invalid();
    if (numbers.length === 0) return empty;
    if (numbers.length === 1 && unary) return finite(unary(numbers[0]));
    return finite(numbers.reduce(fold));
  };
}

function extreme(pick) {
  return (args, scope) => {
    const list = values(args, scope);
    if (list.length === 0 || list.some((value) => typeof value !== "number")) throw invalid();
    return finite(list.reduce(pick));
  };
}

function comparison(holds) {
  return (args, scope) => {
    const list = written(args);
    if (list.length < 2) throw invalid();
    let left = evaluate(list[0], scope);
    for (let index = 1; index < list.length; index += 1) {
      const right = evaluate(list[index], scope);
      if (!holds(left, right)) return false;
      left = right;
    }
    return true;
  };
}

function conditional(args, scope) {
  const list = written(args);
  for (let index = 0; index < list.length; index += 2) {
    if (index === list.length - 1) return evaluate(list[index], scope);
    if (truthy(evaluate(list[index], scope))) return evaluate(list[index + 1], scope);
  }
  return null;
}

function junction(stopWhen) {
  return (args, scope) => {
    let last = false;
    for (const rule of written(args)) {
      last = evaluate(rule, scope);
      if (truthy(last) === stopWhen) return last;
    }
    return last;
  };
}

function coalesce(args, scope) {
  if (!Array.isArray(args)) return values(args, scope).find((value) => value !== null) ?? null;
  for (const rule of args) {
    const value = evaluate(rule, scope);
    if (value !== null) return value;
  }
  return null;
}

function attempt(args, scope) {
  const alternatives = Array.isArray(args) ? args : [args];
  if (alternatives.length === 0) throw invalid();
  let failure = null;
  for (const rule of alternatives) {
    try {
      return evaluate(rule, failure ? inner(scope, null, failure.payload) : scope);
    } catch (error) {
      if (!(error instanceof LogicError)) throw error;
      failure = error;
    }
  }
  throw failure;
}

function raise(args, scope) {
  const value = single(args, scope);
  if (!isObject(value)) throw new LogicError(value);
  // A thrown object is the payload itself; its `type` names the error when it has one.
  throw new LogicError(Object.hasOwn(value, "type") ? value.type : value, { payload: value });
}

function substring(args, scope) {
  const list = values(args, scope);
  const source = text(list[0] ?? null);
  const start = list.length > 1 ? integer(list[1]) : 0;
  let rest = source.slice(start < 0 ? Math.max(source.length + start, 0) : Math.min(start, source.length));
  if (list.length > 2) {
    const length = integer(list[2]);
    rest = rest.slice(0, length < 0 ? Math.max(rest.length + length, 0) : length);
  }
  return rest;
}

function contains(args, scope) {
  const [item = null, container = null] = values(args, scope);
  if (typeof container === "string") return container.includes(text(item));
  if (Array.isArray(container)) return container.some((element) => strictlyEqual(element, item));
  return false;
}

function missingSome(args, scope) {
  const [need, keys] = values(args, scope);
  if (!Array.isArray(keys)) throw invalid();
  const needed = toNumber(need);
  const absent = missingKeys(keys, scope);
  return keys.length - absent.length >= needed ? [] : absent;
}

/** The list an iterator walks and its body, run in the item's scope. */
function iteration(args, scope, { nullIsEmpty }) {
  const list = written(args);
  if (list.length < 2 || list[0] === null) throw invalid();
  // map, filter and reduce cannot mean anything with a null body; all/some/none read it as false.
  if (nullIsEmpty && list[1] === null) throw invalid();
  let items = evaluate(list[0], scope);
  if (items === null && nullIsEmpty) items = [];
  if (!Array.isArray(items)) throw invalid();
  const run = (item, index) => evaluate(list[1], inner(scope, { index }, item));
  return { items, run, list };
}

function map(args, scope) {
  const { items, run } = iteration(args, scope, { nullIsEmpty: true });
  return items.map(run);
}

function filter(args, scope) {
  const { items, run } = iteration(args, scope, { nullIsEmpty: true });
  return items.filter((item, index) => truthy(run(item, index)));
}

function reduce(args, scope) {
  const { items, run, list } = iteration(args, scope, { nullIsEmpty: true });
  let accumulator = list.length > 2 ? evaluate(list[2], scope) : null;
  items.forEach((current, index) => {
    accumulator = run({ current, accumulator }, index);
  });
  return accumulator;
}

function all(args, scope) {
  const { items, run } = iteration(args, scope, { nullIsEmpty: false });
  return items.length > 0 && items.every((item, index) => truthy(run(item, index)));
}

function some(args, scope) {
  const { items, run } = iteration(args, scope, { nullIsEmpty: false });
  return items.some((item, index) => truthy(run(item, index)));
}

const operators = new Map([
  ["var", (args, scope) => variable(values(args, scope), scope)],
  ["val", (args, scope) => resolve(values(args, scope), scope) ?? null],
  ["exists", (args, scope) => resolve(values(args, scope), scope) !== undefined],
  ["missing", (args, scope) => {
    const list = values(args, scope);
    return missingKeys(Array.isArray(list[0]) ? list[0] : list, scope);
  }],
  ["missing_some", missingSome],

  ["if", conditional],
  ["?:", conditional],
  ["and", junction(false)],
  ["or", junction(true)],
  ["!", (args, scope) => !truthy(single(args, scope))],
  ["!!", (args, scope) => truthy(single(args, scope))],
  ["??", coalesce],
  ["try", attempt],
  ["throw", raise],

  ["==", comparison(looselyEqual)],
  ["!=", comparison((left, right) => !looselyEqual(left, right))],
  ["===", comparison(strictlyEqual)],
  ["!==", comparison((left, right) => !strictlyEqual(left, right))],
  ["<", comparison((left, right) => order(left, right) < 0)],
  ["<=", comparison((left, right) => order(left, right) <= 0)],
  [">", comparison((left, right) => order(left, right) > 0)],
  [">=", comparison((left, right) => order(left, right) >= 0)],

  ["+", arithmetic((a, b) => a + b, { empty: 0, minimum: 0 })],
  ["*", arithmetic((a, b) => a * b, { empty: 1, minimum: 0 })],
  ["-", arithmetic((a, b) => a - b, { unary: (x) => -x, minimum: 1 })],
  ["/", arithmetic((a, b) => a / b, { unary: (x) => 1 / x, minimum: 1 })],
  ["%", arithmetic((a, b) => a % b, { minimum: 2 })],
  ["min", extreme((a, b) => (b < a ? b : a))],
  ["max", extreme((a, b) => (b > a ? b : a))],

  ["cat", (args, scope) => values(args, scope).map(text).join("")],
  ["substr", substring],
  ["in", contains],
  ["merge", (args, scope) => values(args, scope).flatMap((value) => (Array.isArray(value) ? value : [value]))],

  ["map", map],
  ["filter", filter],
  ["reduce", reduce],
  ["all", all],
  ["some", some],
  ["none", (args, scope) => !some(args, scope)],

  ["preserve", (args) => args],
  ["log", (args, scope) => values(args, scope)[0] ?? null],
]);
