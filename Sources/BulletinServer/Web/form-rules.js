// The form builder's rule editor (`#rule-editor`): when the selected element is shown, required or
// enabled, as conditions on other fields (field, operator, value) combined with all or any, written
// as JSON Logic. A rule the conditions cannot express is kept, and edited as JSON.
import { h } from "/ui/dom.js";
import { isNumeric, jsonArea } from "/ui/form-properties.js";

const kinds = { visibleIf: "Shown when", requiredIf: "Required when", enabledIf: "Enabled when" };

/** The operators offered, by name: their words and the JSON Logic operator they write. */
const operators = {
  equals: "equals", differs: "does not equal", greater: "is greater than", less: "is less than",
  empty: "is empty", filled: "is not empty", contains: "contains", true: "is true",
};
const needsValue = (operator) => !["empty", "filled", "true"].includes(operator);

/** One condition as JSON Logic. */
export function conditionRule({ field, operator, value }) {
  const read = { var: field };
  switch (operator) {
    case "empty": return { "!": read };
    case "filled": return { "!!": read };
    case "true": return { "===": [read, true] };
    case "contains": return { in: [value, read] };
    default: return { [{ equals: "==", differs: "!=", greater: ">", less: "<" }[operator]]: [read, value] };
  }
}

const isRule = (value) => value !== null && typeof value === "object";
const readOf = (value) => isRule(value) && !Array.isArray(value) && Object.keys(value).length === 1 && typeof value.var === "string"
  ? value.var : null;

/** A condition written as `conditionRule` writes it, or null. */
function parseCondition(rule) {
  if (!isRule(rule) || Array.isArray(rule) || Object.keys(rule).length !== 1) return null;
  const [op] = Object.keys(rule), args = rule[op];
  if (op === "!" || op === "!!") {
    const field = readOf(Array.isArray(args) ? args[0] : args);
    return field ? { field, operator: op === "!" ? "empty" : "filled", value: "" } : null;
  }
  if (!Array.isArray(args) || args.length !== 2) return null;
  if (op === "in") return readOf(args[1]) && !isRule(args[0]) ? { field: readOf(args[1]), operator: "contains", value: args[0] } : null;
  const field = readOf(args[0]);
  if (!field || isRule(args[1])) return null;
  if (op === "===" && args[1] === true) return { field, operator: "true", value: "" };
  const operator = { "==": "equals", "!=": "differs", ">": "greater", "<": "less" }[op];
  return operator ? { field, operator, value: args[1] } : null;
}

/** A rule as `{combine, conditions}`, or null when the conditions cannot express it. */
export function parseRule(rule) {
  if (rule === undefined || rule === null) return { combine: "and", conditions: [] };
  const [op] = Object.keys(rule || {});
  if ((op === "and" || op === "or") && Array.isArray(rule[op]) && Object.keys(rule).length === 1) {
    const conditions = rule[op].map(parseCondition);
    return conditions.every(Boolean) ? { combine: op, conditions } : null;
  }
  const single = parseCondition(rule);
  return single ? { combine: "and", conditions: [single] } : null;
}

/** The rule of conditions (the complete ones): undefined when none is. */
export function buildRule(combine, conditions) {
  const rules = conditions.filter((condition) => condition.field && condition.operator).map(conditionRule);
  return rules.length === 0 ? undefined : rules.length === 1 ? rules[0] : { [combine]: rules };
}

/**
 * The rule editor. `change(patch, tag)` applies a patch to the element shown; `fields()` lists the
 * fields a rule may read (`{key, label, type, options}`).
 */
export function ruleEditor(change, fields) {
  const element = h("section", { id: "rule-editor", class: "fb-rules", "aria-labelledby": "rule-editor-title" });
  let kind = "visibleIf";

  function show(e) {
    if (!e) { element.replaceChildren(); element.hidden = true; return; }
    element.hidden = false;
    const rule = e[kind];
    const parsed = parseRule(rule);
    const known = fields().filter((candidate) => candidate.key !== e.key);
    const picker = h("select", { id: "rule-kind" }, Object.entries(kinds).map(([name, text]) =>
      h("option", { value: name, selected: name === kind }, `${text}${e[name] !== undefined ? " (set)" : ""}`)));
    picker.addEventListener("change", () => { kind = picker.value; show(e); element.querySelector("#rule-kind").focus(); });
    const apply = (value, tag) => {
      e = { ...e, [kind]: value };
      change({ [kind]: value }, tag);
      json.value = value === undefined ? "" : JSON.stringify(value, null, 1);
    };
    const [json, jsonError] = jsonArea("rule-json", rule, (value) => { e = { ...e, [kind]: value }; change({ [kind]: value }, `${kind}-json`); }, 3);
    json.addEventListener("change", () => show(e));
    const intro = h("p", { class: "muted hint" }, kind === "visibleIf" ? "Always shown unless a rule is set." :
      kind === "requiredIf" ? "Required as set in its properties unless a rule is set." : "Always enabled unless a rule is set.");
    const parts = [h("h2", { id: "rule-editor-title" }, "Rules"), h("label", { for: "rule-kind" }, "Rule"), picker, intro];
    if (!parsed) {
      parts.push(h("p", { class: "muted", id: "rule-custom" }, "This rule is more than conditions can show: edit it as JSON Logic."));
    } else {
      const { conditions } = parsed;
      const combine = h("select", { id: "rule-combine" }, h("option", { value: "and", selected: parsed.combine === "and" }, "all conditions hold"),
        h("option", { value: "or", selected: parsed.combine === "or" }, "any condition holds"));
      const save = (tag) => apply(buildRule(combine.value, conditions), tag);
      combine.addEventListener("change", () => save(null));
      const list = h("ol", { class: "fb-conditions", id: "rule-conditions" });
      const draw = (focus) => {
        list.replaceChildren(...conditions.map((condition, index) => conditionRow(condition, index, known, {
          changed: (redraw) => { save(`${kind}-${index}`); if (redraw) draw(`#rule-${redraw}-${index}`); },
          remove: () => { conditions.splice(index, 1); save(null); draw("#rule-add"); },
        })));
        if (focus) element.querySelector(focus)?.focus();
      };
      draw();
      const add = h("button", { type: "button", class: "secondary", id: "rule-add", disabled: !known.length, onclick: () => {
        conditions.push({ field: known[0].key, operator: "equals", value: "" });
        save(null);
        draw(`#rule-field-${conditions.length - 1}`);
      } }, "Add condition");
      const clear = h("button", { type: "button", class: "link", id: "rule-clear", onclick: () => {
        conditions.splice(0);
        save(null);
        draw("#rule-add");
      } }, "Remove rule");
      parts.push(h("div", { class: "row" }, h("label", { for: "rule-combine", class: "inline" }, "Holds when"), combine), list,
        known.length ? null : h("p", { class: "muted" }, "Add another field first: rules read the answers of fields."),
        h("div", { class: "row" }, add, clear));
    }
    parts.push(h("details", { open: !parsed }, h("summary", {}, "As JSON Logic"), json, jsonError));
    element.replaceChildren(...parts.filter(Boolean));
  }

  show(null);
  return { element, show };
}

/** One condition's controls: the field read, the operator and the value compared with. */
function conditionRow(condition, index, known, { changed, remove }) {
  const n = index + 1;
  const target = () => known.find((candidate) => candidate.key === condition.field);
  const fieldSelect = h("select", { id: `rule-field-${index}`, "aria-label": `Field of condition ${n}` },
    known.some((candidate) => candidate.key === condition.field) ? null : h("option", { value: condition.field }, condition.field),
    known.map((candidate) => h("option", { value: candidate.key, selected: candidate.key === condition.field },
      `${candidate.label || candidate.key} (${candidate.key})`)));
  fieldSelect.addEventListener("change", () => { condition.field = fieldSelect.value; condition.value = typed(condition.value, target()); changed("field"); });
  const operator = h("select", { id: `rule-operator-${index}`, "aria-label": `Operator of condition ${n}` },
    Object.entries(operators).map(([name, text]) => h("option", { value: name, selected: name === condition.operator }, text)));
  operator.addEventListener("change", () => { condition.operator = operator.value; changed("operator"); });
  const value = valueControl(condition, target(), `rule-value-${index}`, `Value of condition ${n}`, () => changed(null));
  return h("li", { class: "row fb-condition", "data-index": String(index) }, fieldSelect, operator,
    needsValue(condition.operator) ? value : null,
    h("button", { type: "button", class: "link", "aria-label": `Remove condition ${n}`, onclick: remove }, "Remove"));
}

/** A value in the field's own terms: numbers for numeric fields, true or false for yes-or-no ones. */
function typed(raw, target) {
  if (!target || raw === "" || raw === null || raw === undefined) return raw ?? "";
  if (isNumeric(target.type)) return Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (target.type === "toggle" || target.type === "consent") return raw === true || raw === "true";
  return String(raw);
}

/** The value's control: the field's choices when it has them, else text. */
function valueControl(condition, target, id, label, changed) {
  const choices = target?.type === "toggle" || target?.type === "consent" ? [{ value: "true", label: "Yes" }, { value: "false", label: "No" }]
    : (target?.options || []).map((option) => option !== null && typeof option === "object"
      ? { value: String(option.value), label: String(option.label ?? option.value) } : { value: String(option), label: String(option) });
  const control = choices.length
    ? h("select", { id, "aria-label": label }, h("option", { value: "" }, "—"), choices.map((choice) =>
      h("option", { value: choice.value, selected: String(condition.value) === choice.value }, choice.label)))
    : h("input", { id, "aria-label": label, autocomplete: "off", type: isNumeric(target?.type) ? "number" : "text", step: "any" });
  if (!choices.length) control.value = condition.value ?? "";
  control.addEventListener(choices.length ? "change" : "input", () => { condition.value = typed(control.value, target); changed(); });
  return control;
}
