// The controls of form-render.js, one builder per element type, and the helpers both share.
// A builder gets the element's context — `{item, id, node, set, current, describedBy, mark,
// scope}` — and answers `{content}` (with `group` when the field is a fieldset of several
// inputs, `inline` when the control carries its own label); it fills `node.controls` (disabled
// by the rules), `node.invalid` (marked in error), `node.required` (aria-required) and
// `node.focus`. `set(value)` stores the answer as the server takes it; undefined leaves it out.
import { h } from "/ui/dom.js";
export const holdsAnswer = (element) => !["heading", "paragraph", "panel"].includes(element.type) && typeof element.key === "string";
export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
export const isEmpty = (value) => value === undefined || value === null || value === "" ||
  (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
export const under = (pointer, prefix) => pointer === prefix || pointer.startsWith(`${prefix}/`);
export const finite = (value) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** A definition's choices as `{value, label}` (text, numbers, or `{value, label}` objects). */
export const choices = (list) => (Array.isArray(list) ? list : []).map((option) => isObject(option)
  ? { value: String(option.value ?? ""), label: String(option.label ?? option.value ?? "") }
  : { value: String(option), label: String(option) });

/** The fields answered at one level: panels are looked through, repeatable groups are not. */
export const fieldsIn = (elements) => (Array.isArray(elements) ? elements : []).flatMap((element) =>
  element?.type === "panel" ? fieldsIn(element.elements) : element && holdsAnswer(element) ? [element] : []);

/**
 * The answers to send, from what the controls hold: the form's own keys, without empty ones
 * (and, for a partial save, without rows left wholly empty).
 */
export function clean(values, elements, saving = false) {
  const answers = {};
  for (const field of fieldsIn(elements)) {
    let value = isObject(values) ? values[field.key] : undefined;
    if (field.type === "computed") continue;
    if (field.type === "repeat") {
      value = Array.isArray(value) ? value.map((row) => clean(row, field.elements, saving)).filter((row) => !saving || !isEmpty(row)) : undefined;
    }
    if (field.type === "matrix" && isObject(value)) value = Object.fromEntries(Object.entries(value).filter(([, column]) => column));
    if (!isEmpty(value)) answers[field.key] = value;
  }
  return answers;
}

/** Typed text as a number when it reads as one; other text stays text, for validation to refuse. */
export function typedNumber(text) {
  const value = text.trim();
  if (!value) return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value) ? Number(value) : value;
}

/** The value at an answers pointer (`/people/0/name`). */
export const valueAt = (values, pointer) => pointer.split("/").slice(1).reduce((node, key) => (node == null ? undefined : node[key]), values);

export const shown = (value) => value === undefined || value === null || value === "" ? "—"
  : typeof value === "number" ? value.toLocaleString() : typeof value === "object" ? JSON.stringify(value) : String(value);

/** A short line on an element's bounds, added to its help. */
export function bounds(element) {
  const { type, min, max } = element;
  const between = (low, high, unit = "") => low !== undefined && high !== undefined ? `From ${low} to ${high}${unit}.`
    : low !== undefined ? `At least ${low}${unit}.` : high !== undefined ? `At most ${high}${unit}.` : null;
  if (["number", "integer", "currency", "percentage"].includes(type)) {
    const percent = type === "percentage";
    return between(finite(min) ?? (percent ? 0 : undefined), finite(max) ?? (percent ? 100 : undefined), percent ? " %" : "");
  }
  if (["date", "time", "datetime"].includes(type)) {
    const low = typeof min === "string" ? min.replace("T", " ") : undefined, high = typeof max === "string" ? max.replace("T", " ") : undefined;
    return low && high ? `From ${low} to ${high}.` : low ? `Not before ${low}.` : high ? `Not after ${high}.` : null;
  }
  if (type === "checkboxes" || type === "multiselect") return between(finite(min), finite(max), " choices");
  return null;
}

/** An input whose text is the answer (`read` turns it into the value; empty is left out). */
function textual({ item, id, node, set, current, describedBy }, tag, attributes, read = (text) => text) {
  const input = h(tag, { id, name: id, "aria-describedby": describedBy, placeholder: item.placeholder, maxlength: finite(item.maxLength), ...attributes,
    oninput: () => { const value = read(input.value); set(value === "" ? undefined : value); } });
  input.value = current === undefined || current === null ? "" : String(current);
  node.controls.push(input);
  node.invalid.push(input);
  node.required = [input];
  return input;
}

/** Choices as radio buttons or checkboxes in a group. */
function choiceList({ item, id, node, set, current }, multiple) {
  const chosen = new Set((multiple ? (Array.isArray(current) ? current : []) : [current]).map(String));
  const options = choices(item.options);
  const inputs = options.map((option, index) => h("input", { type: multiple ? "checkbox" : "radio", id: `${id}-${index}`, name: id, value: option.value,
    checked: chosen.has(option.value), onchange: () => set(multiple ? options.filter((_, i) => inputs[i].checked).map((o) => o.value) : option.value) }));
  node.controls.push(...inputs);
  node.invalid.push(...inputs);
  node.focus = inputs.find((input) => input.checked) || inputs[0];
  return h("div", { class: "choices" }, options.map((option, index) => h("div", { class: "choice" }, inputs[index], h("label", { for: inputs[index].id }, option.label))));
}

const numberInput = (context, mode, unit) => ({
  content: h("div", { class: "affix" }, textual(context, "input", { type: "text", inputmode: mode, autocomplete: "off" }, typedNumber),
    unit ? h("span", { class: "unit" }, unit) : null),
});
const dateInput = (inputType) => (context) => ({
  content: textual(context, "input", { type: inputType, min: typeof context.item.min === "string" ? context.item.min : undefined,
    max: typeof context.item.max === "string" ? context.item.max : undefined }),
});

export const controlFor = {
  text: (context) => ({ content: textual(context, "input", { type: "text" }) }),
  textarea: (context) => ({ content: textual(context, "textarea", { rows: "4" }) }),
  email: (context) => ({ content: textual(context, "input", { type: "email", autocomplete: "email" }, (text) => text.trim()) }),
  url: (context) => ({ content: textual(context, "input", { type: "url", autocomplete: "url" }, (text) => text.trim()) }),
  phone: (context) => ({ content: textual(context, "input", { type: "tel", autocomplete: "tel" }, (text) => text.trim()) }),
  file: (context) => ({ content: textual(context, "input", { type: "text", autocomplete: "off" }, (text) => text.trim()) }),
  number: (context) => numberInput(context, "decimal"),
  integer: (context) => numberInput(context, "numeric"),
  currency: (context) => numberInput(context, "decimal"),
  percentage: (context) => numberInput(context, "decimal", "%"),
  date: dateInput("date"),
  time: dateInput("time"),
  datetime: dateInput("datetime-local"),
  rating({ item, id, node, set, current }) {
    const low = Math.max(0, Math.round(finite(item.min) ?? 1)), high = Math.min(Math.round(finite(item.max) ?? 5), low + 20);
    const labels = [];
    const draw = (value) => labels.forEach((label, index) => label.classList.toggle("on", value !== undefined && low + index <= value));
    for (let value = low; value <= high; value += 1) {
      const input = h("input", { type: "radio", class: "visually-hidden", id: `${id}-${value}`, name: id, value: String(value), checked: current === value,
        onchange: () => { set(value); draw(value); } });
      node.controls.push(input);
      node.invalid.push(input);
      labels.push(h("label", { class: "star", for: input.id }, h("span", { "aria-hidden": "true" }, "★"), h("span", { class: "visually-hidden" }, `${value} of ${high}`)));
    }
    draw(typeof current === "number" ? current : undefined);
    node.focus = node.controls.find((input) => input.checked) || node.controls[0];
    return { group: { role: "radiogroup" }, content: h("div", { class: "rating" }, node.controls.map((input, index) => [input, labels[index]])) };
  },
  slider({ item, id, node, set, current, describedBy, scope }) {
    const low = finite(item.min) ?? 0, high = finite(item.max) ?? 100, step = finite(item.step) > 0 ? item.step : 1;
    const output = h("output", { for: id, id: `${id}-value`, class: "slider-value" });
    const input = h("input", { type: "range", id, name: id, min: String(low), max: String(high), step: String(step), "aria-describedby": describedBy,
      oninput: () => { set(Number(input.value)); draw(); } });
    // Until moved, a slider has no answer (its thumb only rests in the middle).
    const draw = () => {
      const given = typeof scope.values[item.key] === "number";
      output.textContent = given ? shown(Number(input.value)) : "Not set";
      input.classList.toggle("unset", !given);
    };
    if (typeof current === "number") input.value = String(current);
    node.controls.push(input);
    node.invalid.push(input);
    node.required = [input];
    draw();
    return { content: h("div", { class: "slider" }, input, output) };
  },
  radio: (context) => ({ group: { role: "radiogroup" }, content: choiceList(context, false) }),
  checkboxes: (context) => ({ group: {}, requiredText: requiredWords(context.node), content: choiceList(context, true) }),
  select: (context) => selectControl(context, false),
  multiselect: (context) => selectControl(context, true),
  toggle: (context) => checkbox(context, { role: "switch" }, true),
  consent: (context) => checkbox(context, {}, false),
  matrix({ item, id, node, set, current, scope }) {
    const columns = choices(item.options), rows = choices(item.rows);
    const chosen = isObject(current) ? current : {};
    const body = rows.map((row, r) => h("tr", {}, h("th", { scope: "row", id: `${id}-row-${r}` }, row.label), columns.map((column, c) => {
      const input = h("input", { type: "radio", id: `${id}-${r}-${c}`, name: `${id}-${r}`, value: column.value, checked: chosen[row.value] === column.value,
        "aria-label": `${row.label}: ${column.label}`,
        onchange: () => set({ ...(isObject(scope.values[item.key]) ? scope.values[item.key] : {}), [row.value]: column.value }) });
      node.controls.push(input);
      node.invalid.push(input);
      return h("td", {}, input);
    })));
    node.focus = node.controls[0];
    return { group: {}, requiredText: requiredWords(node), content: h("div", { class: "scroll" }, h("table", { class: "matrix-table" },
      h("thead", {}, h("tr", {}, h("td", {}), columns.map((column) => h("th", { scope: "col" }, column.label)))), h("tbody", {}, body))) };
  },
  computed({ id, node }) {
    node.output = h("output", { id, class: "computed-value", "aria-describedby": node.message.id }, "—");
    node.focus = null;
    return { content: node.output };
  },
};

/** Words a screen reader hears for groups that cannot carry aria-required. */
export function requiredWords(node) {
  const words = h("span", { class: "visually-hidden", hidden: true }, " (required)");
  node.marks.push(words);
  return words;
}

function selectControl({ item, id, node, set, current, describedBy }, multiple) {
  const options = choices(item.options);
  const chosen = new Set((multiple ? (Array.isArray(current) ? current : []) : [current]).map(String));
  const select = h("select", { id, name: id, multiple, size: multiple ? String(Math.min(options.length, 6)) : undefined, "aria-describedby": describedBy,
    onchange: () => set(multiple ? [...select.selectedOptions].map((option) => option.value) : select.value || undefined) },
  multiple ? null : h("option", { value: "" }, item.placeholder || "Choose…"),
  options.map((option) => h("option", { value: option.value, selected: chosen.has(option.value) }, option.label)));
  node.controls.push(select);
  node.invalid.push(select);
  node.required = [select];
  return { content: select };
}

/** A checkbox that carries its own label: a toggle (always true or false) or a consent (true or left out). */
function checkbox({ item, id, node, set, current, describedBy, mark, scope }, attributes, always) {
  if (always && typeof current !== "boolean") scope.values[item.key] = false;
  const input = h("input", { type: "checkbox", id, name: id, checked: current === true, "aria-describedby": describedBy, ...attributes,
    onchange: () => set(input.checked ? true : always ? false : undefined) });
  node.controls.push(input);
  node.invalid.push(input);
  node.required = [input];
  return { inline: true, content: h("div", { class: `choice${always ? " switch" : ""}` }, input, h("label", { for: id }, item.label || item.key, mark())) };
}
