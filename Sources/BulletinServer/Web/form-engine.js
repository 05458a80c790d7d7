// Forms in the browser: reading a definition, evaluating its rules and validating answers, so
// that the builder's live preview and the respondent's page show exactly what the server will
// enforce.
//
// This mirrors the server's BulletinForms module, rule for rule:
//   readDefinition   FormDefinition.parse (FormDefinitionParser, then FormRuleGraph)
//   evaluateForm     FormEvaluator.evaluate
//   validateAnswers  FormValidator.validate (with the constraints FormSchema derives)
// A differential test (Tests/BulletinFormsTests/FormEngineDifferentialTests.swift, running
// Tests/JSONLogic/evaluate_forms.mjs in Node) feeds both random definitions and answers and
// expects the same problems' pointers, values and states. Change both or neither.
//
// Pointers: problems with a definition point into the definition (`/pages/0/elements/3/key`);
// problems with answers point into the answers (`/plate`, `/people/0/name`). Messages are
// short English, not necessarily the server's words.
//
// Known differences that no test can remove:
// - `pattern` is a JavaScript RegExp with the "u" flag here and ICU's NSRegularExpression on the
//   server. A pattern that only one of them compiles is refused here ("is not a regular
//   expression"). ICU's `\d` and `\s` match more than JavaScript's, and its `$` also matches
//   before a final line break.
// - Sizes in bytes (the definition's 1 MB, a rule's 8 KB) count JSON.stringify's text, which can
//   differ from the server's by a few bytes per number.
// - Checks on fields inside a `repeat` read the row's answers over the form's here, as every
//   other rule in a row does (the server reads only the form's; see the differential test).
// - An unknown answer key is escaped in its pointer as RFC 6901 asks (`/a~1b` for "a/b"); the
//   server writes it as it is.

import { apply, truthy } from "/ui/json-logic.js";

// ---------------------------------------------------------------------------------------------
// Element types (FormElementType)

/** Every element type, as written in a definition's `type`. */
export const ELEMENT_TYPES = Object.freeze([
  "text", "textarea", "email", "url", "phone",
  "number", "integer", "currency", "percentage", "rating", "slider",
  "date", "time", "datetime",
  "radio", "select", "checkboxes", "multiselect", "toggle", "matrix",
  "computed", "hidden", "file", "consent",
  "heading", "paragraph",
  "panel", "repeat",
]);

const knownTypes = new Set(ELEMENT_TYPES);
const textTypes = new Set(["text", "textarea", "email", "url", "phone", "file"]);
const dateTypes = new Set(["date", "time", "datetime"]);
const singleChoiceTypes = new Set(["radio", "select"]);
const multipleChoiceTypes = new Set(["checkboxes", "multiselect"]);

const holdsAnswer = (type) => type !== "heading" && type !== "paragraph" && type !== "panel";
const isContainer = (type) => type === "panel" || type === "repeat";
const needsOptions = (type) => singleChoiceTypes.has(type) || multipleChoiceTypes.has(type) || type === "matrix";

/** The key an element's answer is stored under, or null for static text and panels. */
const answerKey = (element) => (holdsAnswer(element.type) ? element.key : null);

/** How large a definition may be (FormLimits.standard). */
export const LIMITS = Object.freeze({
  pages: 50,
  elements: 1_000,
  depth: 8,
  options: 500,
  ruleDepth: 32,
  ruleBytes: 8_192,
  definitionBytes: 1_048_576,
});

const MAX_TEXT = 2_000;
const MAX_COUNT = 1_000_000;

/** The operators a rule may use (the Swift and JavaScript engines know the same ones). */
const OPERATORS = new Set([
  "var", "val", "exists", "missing", "missing_some", "if", "?:", "and", "or", "!", "!!", "??", "==", "===", "!=",
  "!==", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "min", "max", "cat", "substr", "in", "merge", "map",
  "filter", "reduce", "all", "some", "none", "preserve", "throw", "try", "log",
]);

/** Patterns for the text a browser's inputs produce (FormSchema.textPattern). */
export const TEXT_PATTERNS = Object.freeze({
  email: String.raw`^[^@\s]+@[^@\s]+\.[^@\s]+$`,
  url: String.raw`^https?://[^\s/$.?#][^\s]*$`,
  phone: String.raw`^\+?[0-9 ()./-]{4,32}$`,
  date: String.raw`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`,
  time: String.raw`^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`,
  datetime: String.raw`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$`,
});

// ---------------------------------------------------------------------------------------------
// Reading a definition (FormDefinition.parse)

/**
 * Reads and checks a definition (parsed JSON).
 * Returns `{definition, problems}`: `problems` is `[{pointer, message}]` with pointers into the
 * definition, and `definition` is null when there are any.
 */
export function readDefinition(json) {
  const parser = new DefinitionParser();
  const pages = parser.pages(json);
  const graph = new RuleGraph(pages);
  const problems = [...parser.problems, ...graph.problems()];
  if (problems.length > 0) return { definition: null, problems };
  const definition = {
    json,
    pages,
    fields: graph.fields,
    fieldOrder: graph.fieldOrder,
    groupOf: graph.groupOf,
    evaluationOrder: graph.evaluationOrder,
    containersOf: graph.containersOf,
    pageOf: graph.pageOf,
  };
  return { definition, problems: [] };
}

/** Reads pages and elements, gathering every problem of shape (FormDefinitionParser). */
class DefinitionParser {
  constructor() {
    this.problems = [];
    this.elementCount = 0;
    this.keysSeen = new Map();
  }

  problem(pointer, message) {
    this.problems.push({ pointer, message });
  }

  pages(json) {
    if (jsonBytes(json) > LIMITS.definitionBytes) {
      this.problem("", `is larger than ${LIMITS.definitionBytes / 1024} KB`);
      return [];
    }
    if (!isObject(json)) {
      this.problem("", "must be an object with pages");
      return [];
    }
    const pages = member(json, "pages");
    if (!Array.isArray(pages) || pages.length === 0) {
      this.problem("/pages", "must list at least one page");
      return [];
    }
    if (pages.length > LIMITS.pages) this.problem("/pages", `may hold at most ${LIMITS.pages} pages`);
    return pages.slice(0, LIMITS.pages).map((page, index) => this.page(page, `/pages/${index}`));
  }

  page(page, pointer) {
    const title = this.text(member(page, "title"), `${pointer}/title`) ?? "";
    return {
      title,
      description: this.text(member(page, "description"), `${pointer}/description`),
      visibleIf: this.rule(member(page, "visibleIf"), `${pointer}/visibleIf`),
      elements: this.elements(member(page, "elements"), `${pointer}/elements`, 1),
    };
  }

  elements(value, pointer, depth) {
    if (!Array.isArray(value)) {
      this.problem(pointer, "must be a list of elements");
      return [];
    }
    if (depth > LIMITS.depth) {
      this.problem(pointer, `nests panels deeper than ${LIMITS.depth} levels`);
      return [];
    }
    return value.map((item, index) => this.element(item, `${pointer}/${index}`, depth)).filter(Boolean);
  }

  element(value, pointer, depth) {
    this.elementCount += 1;
    if (this.elementCount === LIMITS.elements + 1) this.problem(pointer, `is past the limit of ${LIMITS.elements} elements`);
    if (!isObject(value)) {
      this.problem(pointer, "must be an object");
      return null;
    }
    const type = member(value, "type");
    if (typeof type !== "string" || !knownTypes.has(type)) {
      this.problem(`${pointer}/type`, `must be one of: ${ELEMENT_TYPES.join(", ")}`);
      return null;
    }
    const at = (name) => `${pointer}/${name}`;
    const key = this.key(member(value, "key"), type, at("key"));
    const label = this.text(member(value, "label"), at("label")) ?? "";
    if (label === "" && type !== "hidden" && type !== "computed" && type !== "panel") {
      this.problem(at("label"), "must not be empty");
    }
    const options = this.options(member(value, "options"), at("options"));
    if (needsOptions(type) && options.length === 0) this.problem(at("options"), "must list at least one choice");
    const rows = this.options(member(value, "rows"), at("rows"));
    if (type === "matrix" && rows.length === 0) this.problem(at("rows"), "must list at least one row");
    const expression = this.rule(member(value, "expression"), at("expression"));
    if (type === "computed" && expression === null) this.problem(at("expression"), "must be a rule that computes the value");
    const elements = isContainer(type) ? this.elements(member(value, "elements"), at("elements"), depth + 1) : [];
    const minimum = this.number(member(value, "min"), at("min"));
    const maximum = this.number(member(value, "max"), at("max"));
    if (minimum !== null && maximum !== null && minimum > maximum) this.problem(at("max"), "must not be less than min");
    const pattern = this.text(member(value, "pattern"), at("pattern"));
    if (pattern !== null && compilePattern(pattern) === null) this.problem(at("pattern"), "is not a regular expression");
    return {
      type,
      key,
      label,
      help: this.text(member(value, "help"), at("help")),
      placeholder: this.text(member(value, "placeholder"), at("placeholder")),
      // undefined when absent: a disabled field then has no answer; `"default": null` gives it null.
      defaultValue: member(value, "default"),
      required: member(value, "required") === true,
      visibleIf: this.rule(member(value, "visibleIf"), at("visibleIf")),
      requiredIf: this.rule(member(value, "requiredIf"), at("requiredIf")),
      enabledIf: this.rule(member(value, "enabledIf"), at("enabledIf")),
      expression,
      checks: this.checks(member(value, "checks"), at("checks")),
      options,
      rows,
      minimum,
      maximum,
      step: this.number(member(value, "step"), at("step")),
      minimumText: stringOrNull(member(value, "min")),
      maximumText: stringOrNull(member(value, "max")),
      minLength: this.count(member(value, "minLength"), at("minLength")),
      maxLength: this.count(member(value, "maxLength"), at("maxLength")),
      pattern,
      elements,
      pointer,
    };
  }

  key(value, type, pointer) {
    if (value === undefined || value === null) {
      if (holdsAnswer(type)) this.problem(pointer, "is required: the answer is stored under it");
      return null;
    }
    if (typeof value !== "string" || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value)) {
      this.problem(pointer, "must start with a letter and hold only letters, digits and _ (at most 64)");
      return null;
    }
    const first = this.keysSeen.get(value);
    if (first !== undefined) {
      this.problem(pointer, `duplicates the key "${value}" of ${first}`);
    } else {
      this.keysSeen.set(value, pointer.slice(0, -"/key".length));
    }
    return value;
  }

  options(value, pointer) {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.length > LIMITS.options) {
      this.problem(pointer, `must be a list of at most ${LIMITS.options} choices`);
      return [];
    }
    // Swift compares the values as Strings, which are equal when canonically equivalent.
    const seen = new Set();
    const options = [];
    value.forEach((item, index) => {
      const option = this.option(item, `${pointer}/${index}`);
      if (option === null) return;
      const identity = option.value.normalize("NFC");
      if (seen.has(identity)) {
        this.problem(`${pointer}/${index}`, `repeats the choice "${option.value}"`);
        return;
      }
      seen.add(identity);
      options.push(option);
    });
    return options;
  }

  option(item, pointer) {
    if (typeof item === "string") return { value: item, label: item };
    if (typeof item === "number") return { value: logicText(item), label: logicText(item) };
    if (isObject(item)) {
      const raw = member(item, "value");
      const value = raw === undefined ? "" : logicText(raw);
      if (value === "") {
        this.problem(`${pointer}/value`, "must not be empty");
        return null;
      }
      return { value, label: stringOrNull(member(item, "label")) ?? value };
    }
    this.problem(pointer, 'must be text or {"value", "label"}');
    return null;
  }

  checks(value, pointer) {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(pointer, 'must be a list of {"rule", "message"}');
      return [];
    }
    const checks = [];
    value.forEach((item, index) => {
      const at = `${pointer}/${index}`;
      // As in Swift, the message is only read when the rule is good.
      const rule = this.rule(member(item, "rule"), `${at}/rule`);
      const message = rule === null ? null : this.text(member(item, "message"), `${at}/message`);
      if (rule === null || message === null || message === "") {
        this.problem(at, "must have a rule and a message");
        return;
      }
      checks.push({ rule, message });
    });
    return checks;
  }

  rule(value, pointer) {
    if (value === undefined || value === null) return null;
    if (jsonBytes(value) > LIMITS.ruleBytes) {
      this.problem(pointer, `is larger than ${LIMITS.ruleBytes / 1024} KB`);
      return null;
    }
    if (ruleDepth(value) > LIMITS.ruleDepth) {
      this.problem(pointer, `nests operators deeper than ${LIMITS.ruleDepth} levels`);
      return null;
    }
    const unknown = unknownOperator(value);
    if (unknown !== null) {
      this.problem(pointer, `uses the unknown operator "${unknown}"`);
      return null;
    }
    return value;
  }

  text(value, pointer) {
    if (value === undefined || value === null) return null;
    if (typeof value !== "string" || isLongerThan(value, MAX_TEXT)) {
      this.problem(pointer, "must be text of at most 2,000 characters");
      return null;
    }
    return value;
  }

  number(value, pointer) {
    if (value === undefined || value === null || typeof value === "string") return null;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.problem(pointer, "must be a number");
      return null;
    }
    return value;
  }

  count(value, pointer) {
    if (value === undefined || value === null) return null;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
      this.problem(pointer, "must be a whole number from 0 to 1,000,000");
      return null;
    }
    return value;
  }
}

/** The first unknown operator of a rule, or null. Objects of more than one key are literals. */
function unknownOperator(rule) {
  if (Array.isArray(rule)) {
    for (const element of rule) {
      const unknown = unknownOperator(element);
      if (unknown !== null) return unknown;
    }
    return null;
  }
  const name = operatorOf(rule);
  if (name === null) return null;
  return OPERATORS.has(name) ? unknownOperator(rule[name]) : name;
}

/** How deeply objects nest in a rule (every object counts, arrays do not). */
function ruleDepth(rule) {
  if (Array.isArray(rule)) return Math.max(0, ...rule.map(ruleDepth));
  if (isObject(rule)) return 1 + Math.max(0, ...Object.values(rule).map(ruleDepth));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// References, cycles and evaluation order (FormRuleGraph)

class RuleGraph {
  constructor(pages) {
    this.fields = new Map();
    this.fieldOrder = [];
    this.groupOf = new Map();
    this.containersOf = new Map();
    this.pageOf = new Map();
    this.evaluationOrder = [];
    this.elements = [];
    this.pageRules = pages.map((page) => (page.visibleIf === null ? [] : [page.visibleIf]));
    this.cycles = [];
    pages.forEach((page, index) => {
      for (const element of page.elements) this.visit(element, index, []);
    });
    this.order();
  }

  visit(element, page, containers) {
    this.elements.push(element);
    this.containersOf.set(element.pointer, containers);
    this.pageOf.set(element.pointer, page);
    const key = answerKey(element);
    if (key !== null) {
      this.fields.set(key, element);
      this.fieldOrder.push(key);
      const group = containers.findLast((container) => container.type === "repeat")?.key ?? null;
      if (group !== null) this.groupOf.set(key, group);
    }
    for (const child of element.elements) this.visit(child, page, [...containers, element]);
  }

  /** The rules that decide an element's state and value: its own, its containers' and its page's. */
  stateRules(element) {
    const own = [element.visibleIf, element.enabledIf, element.requiredIf, element.expression];
    const inherited = this.containersOf.get(element.pointer).flatMap((container) => [container.visibleIf, container.enabledIf]);
    return [...own, ...inherited].filter((rule) => rule !== null).concat(this.pageRules[this.pageOf.get(element.pointer)]);
  }

  /** A repeatable group's rows settle with it: the fields outside it that their rules read come first. */
  rowDependencies(element) {
    if (element.type !== "repeat") return [];
    const descendants = (node) => [node, ...node.elements.flatMap(descendants)];
    const below = descendants(element);
    const inside = new Set(below.map(answerKey).filter((key) => key !== null));
    const rules = below.slice(1).flatMap((node) => [node.visibleIf, node.enabledIf, node.requiredIf, node.expression]).filter((rule) => rule !== null);
    return keysReadBy(rules).filter((key) => !inside.has(key));
  }

  problems() {
    const problems = [];
    const unknown = (rules, pointer) => {
      for (const key of keysReadBy(rules)) {
        if (!this.fields.has(key)) problems.push({ pointer, message: `refers to the unknown field "${key}"` });
      }
    };
    this.pageRules.forEach((rules, index) => unknown(rules, `/pages/${index}/visibleIf`));
    for (const element of this.elements) {
      for (const name of ["visibleIf", "requiredIf", "enabledIf", "expression"]) {
        if (element[name] !== null) unknown([element[name]], `${element.pointer}/${name}`);
      }
      element.checks.forEach((check, index) => unknown([check.rule], `${element.pointer}/checks/${index}/rule`));
    }
    return [...problems, ...this.cycles];
  }

  /** Depth-first topological order; an element met again on the path closes a cycle. */
  order() {
    const done = new Map(); // pointer → false while on the path, true when placed
    const path = [];
    const reported = new Set();
    const walk = (element) => {
      if (done.has(element.pointer)) {
        if (!done.get(element.pointer)) this.reportCycle(path, element, reported);
        return;
      }
      done.set(element.pointer, false);
      path.push(element);
      for (const key of [...keysReadBy(this.stateRules(element)), ...this.rowDependencies(element)]) {
        const field = this.fields.get(key);
        if (field !== undefined) walk(field);
      }
      path.pop();
      done.set(element.pointer, true);
      this.evaluationOrder.push(element);
    };
    for (const element of this.elements) walk(element);
  }

  reportCycle(path, element, reported) {
    const start = path.findIndex((member) => member.pointer === element.pointer);
    if (start < 0) return;
    const loop = [...path.slice(start), element];
    const names = loop.map((member) => member.key ?? member.pointer).join(" → ");
    for (const member of loop.slice(0, -1)) {
      if (reported.has(member.pointer)) continue;
      reported.add(member.pointer);
      this.cycles.push({ pointer: member.pointer, message: `has rules that go round in a cycle: ${names}` });
    }
  }
}

/** The keys rules read: each literal path's first segment (JSONLogic.referencedPaths). */
function keysReadBy(rules) {
  return rules
    .flatMap(referencedPaths)
    .map((path) => path.split(".").find((segment) => segment !== ""))
    .filter((key) => key !== undefined);
}

/** The iterators, whose bodies read the item rather than the form: only their list counts. */
const scopedOperators = new Set(["map", "filter", "reduce", "all", "some", "none"]);

/** Every data path a rule reads with var, val, exists, missing or missing_some, as written. */
function referencedPaths(rule) {
  const name = operatorOf(rule);
  if (name === null) return Array.isArray(rule) ? rule.flatMap(referencedPaths) : [];
  const args = rule[name];
  const list = Array.isArray(args) ? args : [args];
  const paths = [];
  const strings = (items) => items.filter((item) => typeof item === "string");
  switch (name) {
    case "var":
      if (typeof list[0] === "string" && list[0] !== "") paths.push(list[0]);
      break;
    case "val":
    case "exists":
      if (list.length > 0 && strings(list).length === list.length) paths.push(list.join("."));
      break;
    case "missing":
      paths.push(...strings(list));
      break;
    case "missing_some":
      if (Array.isArray(list[1])) paths.push(...strings(list[1]));
      break;
  }
  const inspected = scopedOperators.has(name) ? list.slice(0, 1) : list;
  return [...paths, ...inspected.flatMap(referencedPaths)];
}

// ---------------------------------------------------------------------------------------------
// Evaluating rules (FormEvaluator)

/**
 * Applies every rule to the answers. Returns `{values, states}`: the answers that count
 * (hidden fields' answers removed, computed values set, disabled fields back at their default)
 * and each element's state `{pointer, rows, key, visible, enabled, required}` in evaluation
 * order, elements inside a `repeat` once per row (`rows` holds the row indexes, outermost first).
 */
export function evaluateForm(definition, answers) {
  const { values, states } = settleForm(definition, answers);
  return {
    values,
    states: states.map(({ element, rows, visible, enabled, required }) => ({
      pointer: element.pointer,
      rows,
      key: element.key ?? null,
      visible,
      enabled,
      required,
    })),
  };
}

/** The evaluation, with each state holding its element (what validation needs). */
function settleForm(definition, answers) {
  const values = {};
  for (const [key, value] of ownEntries(answers)) {
    if (definition.fields.has(key) && !definition.groupOf.has(key)) values[key] = value;
  }
  const topLevel = definition.evaluationOrder.filter((element) => enclosingGroup(definition, element) === null);
  const states = [];
  settle(definition, topLevel, values, {}, [], states);
  return { values, states };
}

/** The `repeat` nearest around an element, or null. */
function enclosingGroup(definition, element) {
  return definition.containersOf.get(element.pointer).findLast((container) => container.type === "repeat") ?? null;
}

/** Settles elements in order against `values`, reading `outer` for keys `values` lacks. */
function settle(definition, elements, values, outer, rows, states) {
  for (const element of elements) {
    // At the top level the answers are the data: copying them for each element would cost
    // more than every rule together (rows read their answers over the form's).
    const data = rows.length === 0 ? values : { ...outer, ...values };
    const scope = [...definition.containersOf.get(element.pointer), element];
    const page = definition.pages[definition.pageOf.get(element.pointer)];
    const visible = holds(page.visibleIf, data, true) && scope.every((item) => holds(item.visibleIf, data, true));
    const enabled = visible && scope.every((item) => holds(item.enabledIf, data, true));
    const required = enabled && (element.required || holds(element.requiredIf, data, false));
    states.push({ element, rows, visible, enabled, required });
    const key = answerKey(element);
    if (key === null) continue;
    if (!visible) {
      delete values[key];
    } else if (element.type === "computed") {
      values[key] = computed(element.expression, data);
    } else if (!enabled) {
      setOrDelete(values, key, element.defaultValue);
    } else if (element.type === "hidden") {
      if (!Object.hasOwn(values, key)) setOrDelete(values, key, element.defaultValue);
    } else if (element.type === "repeat") {
      setOrDelete(values, key, settleRows(definition, element, values[key], data, rows, states));
    }
  }
}

/** Settles each row of a group; a value that is no list (or a row that is no object) is left for validation. */
function settleRows(definition, group, value, outer, rows, states) {
  if (!Array.isArray(value)) return value;
  const children = definition.evaluationOrder.filter((element) => enclosingGroup(definition, element)?.pointer === group.pointer);
  const childKeys = new Set(children.map(answerKey).filter((key) => key !== null));
  return value.map((item, index) => {
    if (!isObject(item)) return item;
    const rowValues = {};
    for (const [key, answer] of ownEntries(item)) if (childKeys.has(key)) rowValues[key] = answer;
    settle(definition, children, rowValues, outer, [...rows, index], states);
    return rowValues;
  });
}

/** Whether a rule holds; no rule gives `otherwise`, a rule that fails gives false. */
function holds(rule, data, otherwise) {
  if (rule === null) return otherwise;
  try {
    return truthy(apply(rule, data));
  } catch {
    return false;
  }
}

function computed(expression, data) {
  try {
    return apply(expression, data) ?? null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Validating answers (FormValidator with FormSchema's constraints)

/**
 * Checks answers against a definition. Returns `{values, problems}`: the answers to store and
 * `[{pointer, message}]` with pointers into the answers, at most one per pointer. With
 * `complete: false` (a partial save) shapes are checked but not `required` and not the checks.
 */
export function validateAnswers(definition, answers, { complete = true } = {}) {
  const problems = [];
  const given = ownEntries(answers).filter(([, value]) => !isEmptyAnswer(value));
  for (const key of given.map(([key]) => key).sort()) {
    if (!definition.fields.has(key) || definition.groupOf.has(key)) problems.push(problemAt([key], "is not a field of this form"));
  }
  // Object.fromEntries, so that even a member named "__proto__" stays a member.
  const prepared = Object.fromEntries(given.map(([key, value]) => [key, withoutEmptyRowAnswers(value)]));
  const evaluation = settleForm(definition, prepared);
  const context = { definition, states: indexStates(evaluation.states), problems };
  const instance = {};
  for (const [key, value] of Object.entries(evaluation.values)) {
    if (definition.fields.get(key)?.type !== "computed") instance[key] = value;
  }
  const topLevel = definition.fieldOrder.filter((key) => !definition.groupOf.has(key)).map((key) => definition.fields.get(key));
  checkFields(context, topLevel, instance, [], [], { requireFields: complete });
  if (complete) checkRules(context, evaluation);
  return { values: evaluation.values, problems: firstPerPointer(problems) };
}

/** Whether an answer counts as not given: null, empty text, an empty list. */
function isEmptyAnswer(value) {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function withoutEmptyRowAnswers(value) {
  if (!Array.isArray(value)) return value;
  return value.map((row) => {
    if (!isObject(row)) return row;
    return Object.fromEntries(ownEntries(row).filter(([, answer]) => !isEmptyAnswer(answer)));
  });
}

const stateID = (element, rows) => element.pointer + rows.map((row) => `#${row}`).join("");

function indexStates(states) {
  const index = new Map();
  for (const state of states) index.set(stateID(state.element, state.rows), state);
  return index;
}

/**
 * The fields of one object (the answers, or one row of a group) that are visible and enabled:
 * each answer given must fit its field, and each required field must be given.
 */
function checkFields(context, fields, object, location, rows, { requireFields }) {
  for (const field of fields) {
    const state = context.states.get(stateID(field, rows));
    if (!state || !state.visible || !state.enabled || field.type === "computed") continue;
    const at = [...location, field.key];
    if (Object.hasOwn(object, field.key)) {
      checkAnswer(context, field, state, object[field.key], at);
    } else if (state.required && requireFields) {
      context.problems.push(problemAt(at, "is required"));
    }
  }
}

/** One answer against its field's constraints (the schema FormSchema.constraints derives). */
function checkAnswer(context, field, state, value, at) {
  const fail = (message, where = at) => context.problems.push(problemAt(where, message));
  const { type } = field;
  if (textTypes.has(type)) {
    const limit = field.maxLength ?? (type === "textarea" ? 10_000 : 1_000);
    checkText(value, { minLength: field.minLength, maxLength: limit, pattern: field.pattern ?? TEXT_PATTERNS[type] }, fail);
  } else if (dateTypes.has(type)) {
    checkText(value, { pattern: TEXT_PATTERNS[type] }, fail);
  } else if (type === "number" || type === "currency" || type === "percentage" || type === "slider") {
    const ranged = type === "percentage" || type === "slider";
    const step = type === "slider" && field.step !== null && field.step > 0 ? field.step : null;
    const bounds = { minimum: field.minimum ?? (ranged ? 0 : null), maximum: field.maximum ?? (ranged ? 100 : null) };
    checkNumber(value, { ...bounds, multipleOf: step, integer: false }, fail);
  } else if (type === "integer" || type === "rating") {
    const rating = type === "rating";
    const bounds = { minimum: field.minimum ?? (rating ? 1 : null), maximum: field.maximum ?? (rating ? 5 : null) };
    checkNumber(value, { ...bounds, multipleOf: null, integer: true }, fail);
  } else if (singleChoiceTypes.has(type)) {
    if (!isChoice(field.options, value)) fail("must be one of the choices");
  } else if (multipleChoiceTypes.has(type)) {
    checkChoices(field, state, value, at, fail);
  } else if (type === "toggle" || type === "consent") {
    if (typeof value !== "boolean") fail("must be true or false");
    if (type === "consent" && state.required && value !== true) fail("must be accepted");
  } else if (type === "matrix") {
    checkMatrix(field, state, value, at, fail);
  } else if (type === "repeat") {
    checkRows(context, field, state, value, at, fail);
  }
  // hidden: any value is kept as it is.
}

function checkText(value, { minLength = null, maxLength = null, pattern = null }, fail) {
  if (typeof value !== "string") {
    fail("must be text");
    return;
  }
  const length = [...value].length; // code points, as JSON Schema counts
  if (maxLength !== null && length > maxLength) fail(`must be at most ${plural(maxLength, "character")}`);
  if (minLength !== null && length < minLength) fail(`must be at least ${plural(minLength, "character")}`);
  if (pattern !== null && !compilePattern(pattern)?.test(value)) fail("is not in the expected form");
}

function checkNumber(value, { minimum, maximum, multipleOf, integer }, fail) {
  if (typeof value !== "number") {
    fail(integer ? "must be a whole number" : "must be a number");
    return;
  }
  if (integer && !Number.isInteger(value)) fail("must be a whole number");
  if (multipleOf !== null && !isMultiple(value, multipleOf)) fail(`must be a multiple of ${multipleOf}`);
  if (maximum !== null && value > maximum) fail(`must be at most ${maximum}`);
  if (minimum !== null && value < minimum) fail(`must be at least ${minimum}`);
}

function checkChoices(field, state, value, at, fail) {
  if (!Array.isArray(value)) {
    fail("must be a list of choices");
    return;
  }
  value.forEach((item, index) => {
    if (!isChoice(field.options, item)) fail("must be one of the choices", [...at, String(index)]);
  });
  const minimum = field.minimum ?? (state.required ? 1 : null);
  if (field.maximum !== null && value.length > field.maximum) fail(`must have at most ${plural(field.maximum, "choice")}`);
  if (minimum !== null && value.length < minimum) fail(`must have at least ${plural(minimum, "choice")}`);
  if (hasDuplicates(value)) fail("must not hold the same choice twice");
}

function checkMatrix(field, state, value, at, fail) {
  if (!isObject(value)) {
    fail("must give a choice per row");
    return;
  }
  const rows = new Set(field.rows.map((row) => row.value));
  for (const name of Object.keys(value).sort()) {
    if (!rows.has(name)) fail("is not a row of this question", [...at, name]);
    else if (!isChoice(field.options, value[name])) fail("must be one of the choices", [...at, name]);
  }
  if (!state.required) return;
  for (const row of field.rows) if (!Object.hasOwn(value, row.value)) fail("is required", [...at, row.value]);
}

function checkRows(context, group, state, value, at, fail) {
  if (!Array.isArray(value)) {
    fail("must be a list of rows");
    return;
  }
  const { definition } = context;
  const children = definition.fieldOrder.filter((key) => definition.groupOf.get(key) === group.key).map((key) => definition.fields.get(key));
  value.forEach((row, index) => {
    if (!isObject(row)) {
      fail("must be a row of answers", [...at, String(index)]);
      return;
    }
    checkFields(context, children, row, [...at, String(index)], [...state.rows, index], { requireFields: true });
  });
  const maximum = group.maximum ?? 200;
  const minimum = Math.max(group.minimum ?? 0, state.required ? 1 : 0);
  if (value.length > maximum) fail(`must have at most ${plural(maximum, "row")}`);
  if (value.length < minimum) fail(`must have at least ${plural(minimum, "row")}`);
}

/**
 * The fields' cross-field checks and date and time bounds, for visible, enabled fields, whether
 * answered or not. A check inside a group reads its row's answers over the form's.
 */
function checkRules(context, evaluation) {
  const { definition, problems } = context;
  for (const { element, rows, visible, enabled } of evaluation.states) {
    const key = answerKey(element);
    if (!visible || !enabled || key === null) continue;
    const groups = definition.containersOf.get(element.pointer).filter((container) => container.type === "repeat").map((group) => group.key);
    const path = groups.slice(0, rows.length).flatMap((group, depth) => [group, String(rows[depth])]);
    const data = rowData(evaluation.values, path);
    for (const check of element.checks) {
      if (!holds(check.rule, data, false)) problems.push(problemAt([...path, key], check.message));
    }
    const value = lookup(evaluation.values, [...path, key]);
    if (typeof value !== "string" || !dateTypes.has(element.type)) continue;
    if (element.minimumText !== null && compareText(value, element.minimumText) < 0) {
      problems.push(problemAt([...path, key], `must not be before ${element.minimumText}`));
    }
    if (element.maximumText !== null && compareText(value, element.maximumText) > 0) {
      problems.push(problemAt([...path, key], `must not be after ${element.maximumText}`));
    }
  }
}

/** The data rules read in a row (`path` is group, index, group, index…): each row's answers over the ones around it. */
function rowData(values, path) {
  let data = values;
  let node = values;
  for (let depth = 0; depth < path.length; depth += 2) {
    node = lookup(node, path.slice(depth, depth + 2));
    if (!isObject(node)) break;
    data = { ...data, ...node };
  }
  return data;
}

function lookup(root, tokens) {
  let node = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = /^\d+$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject(node)) node = Object.hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}

/** One problem per answer is enough to fix it; the first found is the most basic. */
function firstPerPointer(problems) {
  const seen = new Set();
  return problems.filter(({ pointer }) => !seen.has(pointer) && seen.add(pointer));
}

// ---------------------------------------------------------------------------------------------
// Values

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An object's own member, or undefined (also for values that are no object). */
function member(value, name) {
  return isObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
}

function ownEntries(value) {
  return isObject(value) ? Object.entries(value) : [];
}

function stringOrNull(value) {
  return typeof value === "string" ? value : null;
}

function setOrDelete(object, key, value) {
  if (value === undefined) delete object[key];
  else object[key] = value;
}

/** The operator of a rule (an object with exactly one key), or null for a literal. */
function operatorOf(rule) {
  if (!isObject(rule)) return null;
  const keys = Object.keys(rule);
  return keys.length === 1 ? keys[0] : null;
}

/** A value as the rule engine writes it as text (`cat`): options given as numbers become text this way. */
function logicText(value) {
  return apply({ cat: [{ preserve: value }] });
}

/** The size of a value's JSON text in bytes (the server counts its own encoding). */
function jsonBytes(value) {
  return new TextEncoder().encode(JSON.stringify(value) ?? "null").length;
}

/** Whether text has more characters than a limit, counting as Swift's `String.count` (grapheme clusters). */
function isLongerThan(text, limit) {
  if (text.length <= limit) return false; // never fewer UTF-16 units than characters
  if (typeof Intl === "undefined" || !Intl.Segmenter) return [...text].length > limit;
  let count = 0;
  for (const _ of new Intl.Segmenter().segment(text)) {
    count += 1;
    if (count > limit) return true;
  }
  return false;
}

/** Whether a choice is one of the options: text identical to an option's value. */
function isChoice(options, value) {
  return typeof value === "string" && options.some((option) => option.value === value);
}

/** Whether two items of a list are the same JSON value (JSON Schema's `uniqueItems`). */
function hasDuplicates(items) {
  return items.some((item, position) => items.slice(position + 1).some((other) => identical(item, other)));
}

function identical(left, right) {
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item, i) => identical(item, right[i]));
  }
  if (isObject(left) && isObject(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && identical(left[key], right[key]));
  }
  return left === right;
}

/**
 * Whether a number is a whole multiple of a divisor, in decimal arithmetic as the server does
 * (0.3 is a multiple of 0.1): both are read from their shortest decimal text.
 */
function isMultiple(number, divisor) {
  if (!(divisor > 0) || !Number.isFinite(number)) return false;
  const quotient = number / divisor;
  if (!Number.isFinite(quotient)) return false;
  if (Math.abs(quotient) >= 1e30) return Math.round(quotient) === quotient;
  const a = decimal(number);
  const b = decimal(divisor);
  const exponent = Math.min(a.exponent, b.exponent);
  const scaled = (part) => part.digits * 10n ** BigInt(part.exponent - exponent);
  return scaled(a) % scaled(b) === 0n;
}

/** A number's shortest decimal text as digits × 10^exponent. */
function decimal(number) {
  const [mantissa, power = "0"] = String(number).split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  return { digits: BigInt(whole + fraction), exponent: Number(power) - fraction.length };
}

/** Orders text as Swift's String does: by code point, canonically equivalent text being equal. */
function compareText(left, right) {
  const a = [...left.normalize("NFC")].map((character) => character.codePointAt(0));
  const b = [...right.normalize("NFC")].map((character) => character.codePointAt(0));
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return a[index] - b[index];
  }
  return a.length - b.length;
}

const patterns = new Map();

/** A pattern as a RegExp (unanchored, as JSON Schema's `pattern`), or null when it does not compile. */
function compilePattern(pattern) {
  if (!patterns.has(pattern)) {
    let expression = null;
    try {
      expression = new RegExp(pattern, "u");
    } catch {
      expression = null;
    }
    patterns.set(pattern, expression);
  }
  return patterns.get(pattern);
}

/** A pointer into the answers from its tokens (RFC 6901: `~` and `/` escaped). */
function problemAt(tokens, message) {
  return { pointer: tokens.map((token) => `/${String(token).replaceAll("~", "~0").replaceAll("/", "~1")}`).join(""), message };
}

function plural(count, noun) {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
