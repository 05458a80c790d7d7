// The form builder's catalog of element types and its property editor: what a selected element
// asks, its answer's constraints, its choices (and a matrix's rows), a computed value's rule and
// its checks. Each change is handed to the builder as a patch (a value of undefined removes it).
import { h } from "/ui/dom.js";

/** The 28 element types, grouped as the palette shows them, with the names shown for them. */
export const typeGroups = [
  ["Text", { text: "Short text", textarea: "Long text", email: "E-mail", url: "Web address", phone: "Phone" }],
  ["Numbers", { number: "Number", integer: "Whole number", currency: "Amount", percentage: "Percentage", rating: "Rating", slider: "Slider" }],
  ["Dates and times", { date: "Date", time: "Time", datetime: "Date and time" }],
  ["Choices", { radio: "Single choice", select: "Drop-down", checkboxes: "Checkboxes", multiselect: "Multiple select", toggle: "Yes or no", matrix: "Matrix" }],
  ["Other values", { computed: "Computed", hidden: "Hidden", file: "File", consent: "Consent" }],
  ["Static text", { heading: "Heading", paragraph: "Paragraph" }],
  ["Groups", { panel: "Panel", repeat: "Repeating group" }],
];
const names = Object.assign({}, ...typeGroups.map(([, types]) => types));
export const typeName = (type) => names[type] || type;

const textual = ["text", "textarea", "email", "url", "phone"];
const numeric = ["number", "integer", "currency", "percentage", "rating", "slider"];
const dated = { date: "date", time: "time", datetime: "datetime-local" };
const single = ["radio", "select"], multiple = ["checkboxes", "multiselect"];
export const isContainer = (type) => type === "panel" || type === "repeat";
/** Whether an element of the type takes an answer (static text and panels do not). */
export const holdsAnswer = (type) => !["heading", "paragraph", "panel"].includes(type);
export const isNumeric = (type) => numeric.includes(type);

/** A letter, then letters, digits and _, at most 64: the key a label suggests, unique among `taken`. */
export function keyFor(label, taken) {
  let base = String(label).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 56) || "field";
  if (!/^[a-z]/.test(base)) base = `f_${base}`;
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
  return key;
}

/** A new element of a type, with what it needs to be valid, its key unique among `taken`. */
export function newElement(type, taken) {
  const label = typeName(type);
  const element = { type, key: keyFor(label, taken), label };
  if (single.includes(type) || multiple.includes(type) || type === "matrix") {
    element.options = [1, 2, 3].map((n) => ({ value: `option_${n}`, label: `Option ${n}` }));
  }
  if (type === "matrix") element.rows = [1, 2].map((n) => ({ value: `row_${n}`, label: `Row ${n}` }));
  if (type === "rating") Object.assign(element, { min: 1, max: 5 });
  if (type === "slider") Object.assign(element, { min: 0, max: 100, step: 1 });
  if (type === "computed") element.expression = { "+": [0, 0] };
  if (type === "paragraph") element.label = "Text shown to the respondent.";
  if (isContainer(type)) element.elements = [];
  return element;
}

/** Options as the editor shows them: `{value, label}` (a definition may give plain text or numbers). */
const choices = (list) => (Array.isArray(list) ? list : []).map((option) => option !== null && typeof option === "object"
  ? { value: String(option.value ?? ""), label: String(option.label ?? option.value ?? "") }
  : { value: String(option), label: String(option) });

/** A labelled control, `id` its id. */
const field = (id, text, control, hint) => h("div", { class: "fb-prop" }, h("label", { for: id }, text), control,
  hint ? h("p", { class: "muted hint", id: `${id}-hint` }, hint) : null);

/**
 * A JSON text area for a rule-like member: a change that is not JSON is shown as an error and not
 * applied; empty removes the member.
 */
export function jsonArea(id, value, apply, rows = 4) {
  const error = h("p", { class: "error field-message", id: `${id}-error`, role: "status" });
  const area = h("textarea", { id, rows: String(rows), spellcheck: "false", class: "fb-code", "aria-describedby": error.id });
  area.value = value === undefined ? "" : JSON.stringify(value, null, 1);
  area.addEventListener("input", () => {
    const text = area.value.trim();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch (problem) {
      error.textContent = `Not JSON yet, so not applied: ${problem.message}`;
      area.setAttribute("aria-invalid", "true");
      return;
    }
    error.textContent = "";
    area.removeAttribute("aria-invalid");
    apply(parsed);
  });
  return [area, error];
}

/**
 * The property editor (`#builder-properties`). `change(patch, tag)` applies a patch to the element
 * shown and answers its key (a label may change an automatic key); `tag` groups keystrokes into one
 * step of undo.
 */
export function propertyEditor(change) {
  const element = h("section", { id: "builder-properties", class: "fb-properties", "aria-labelledby": "builder-properties-title" });
  let keyInput = null;

  /** A text input bound to a member (numbers as numbers, empty removes it). */
  function input(name, text, value, { type = "text", kind = "text", hint, area = false } = {}) {
    const id = `prop-${name}`;
    const control = h(area ? "textarea" : "input", { id, type: area ? null : type, rows: area ? "3" : null, autocomplete: "off",
      step: type === "number" ? "any" : null, "aria-describedby": hint ? `${id}-hint` : null });
    control.value = value ?? "";
    control.addEventListener("input", () => {
      const raw = control.value;
      const parsed = raw.trim() === "" ? undefined : kind === "number" ? (Number.isFinite(Number(raw)) ? Number(raw) : undefined)
        : kind === "count" ? (Number.isInteger(Number(raw)) ? Number(raw) : undefined) : raw;
      if (name === "key") return change({ key: raw }, "key");
      const key = change({ [name]: parsed }, name);
      if (name === "label" && keyInput && keyInput.value !== key) keyInput.value = key;
    });
    return field(id, text, control, hint);
  }

  /** An editor of `{value, label}` choices: each changed in place, added, moved and removed. */
  function optionsEditor(name, title, list) {
    const items = choices(list);
    const body = h("ol", { class: "fb-options", id: `prop-${name}` });
    const save = (tag) => change({ [name]: items.map((item) => ({ ...item })) }, tag);
    function draw(focus) {
      body.replaceChildren(...items.map((item, index) => {
        const value = h("input", { "aria-label": `Value of ${title.toLowerCase()} ${index + 1}`, value: item.value, class: "fb-option-value",
          oninput: () => { item.value = value.value; save(`${name}-${index}-value`); } });
        const label = h("input", { "aria-label": `Label of ${title.toLowerCase()} ${index + 1}`, value: item.label, class: "fb-option-label",
          oninput: () => { item.label = label.value; save(`${name}-${index}-label`); } });
        const act = (text, what, disabled) => h("button", { type: "button", class: "link", disabled, "data-action": what,
          "aria-label": `${text} ${title.toLowerCase()} ${index + 1}`, onclick: () => {
            if (what === "remove") items.splice(index, 1);
            else items.splice(index + (what === "up" ? -1 : 1), 0, items.splice(index, 1)[0]);
            save(null);
            draw(what === "remove" ? null : index + (what === "up" ? -1 : 1));
          } }, text);
        return h("li", { class: "row" }, label, value, act("Up", "up", index === 0), act("Down", "down", index === items.length - 1),
          act("Remove", "remove", items.length === 1));
      }));
      if (focus !== undefined && focus !== null) body.children[focus]?.querySelector("input")?.focus();
    }
    draw();
    const add = h("button", { type: "button", class: "secondary", id: `prop-${name}-add`, onclick: () => {
      const n = items.length + 1;
      items.push({ value: `${name === "rows" ? "row" : "option"}_${n}`, label: `${name === "rows" ? "Row" : "Option"} ${n}` });
      save(null);
      draw(items.length - 1);
    } }, `Add ${name === "rows" ? "row" : "choice"}`);
    return h("fieldset", { class: "fb-prop" }, h("legend", {}, title), h("p", { class: "muted hint" }, "Label shown, then the value stored."), body, add);
  }

  /** The answer a new response starts with, in the type's own terms. */
  function defaultField(e) {
    const id = "prop-default";
    if (e.type === "toggle" || e.type === "consent") {
      const control = h("select", { id }, [["", "None"], ["true", "Yes"], ["false", "No"]].map(([value, text]) =>
        h("option", { value, selected: String(e.default ?? "") === value }, text)));
      control.addEventListener("change", () => change({ default: control.value === "" ? undefined : control.value === "true" }, null));
      return field(id, "Starts as", control);
    }
    if (multiple.includes(e.type)) {
      const control = h("input", { id, autocomplete: "off", "aria-describedby": `${id}-hint` });
      control.value = Array.isArray(e.default) ? e.default.join(", ") : "";
      control.addEventListener("input", () => {
        const values = control.value.split(",").map((value) => value.trim()).filter(Boolean);
        change({ default: values.length ? values : undefined }, "default");
      });
      return field(id, "Chosen at first", control, "Values, separated by commas.");
    }
    if (["matrix", "file", "computed", "repeat", "heading", "paragraph", "panel"].includes(e.type)) return null;
    return input("default", e.type === "hidden" ? "Value" : "Default answer", e.default,
      { type: isNumeric(e.type) ? "number" : dated[e.type] || "text", kind: isNumeric(e.type) ? "number" : "text" });
  }

  function show(e) {
    keyInput = null;
    if (!e) {
      element.replaceChildren(h("h2", { id: "builder-properties-title" }, "Properties"),
        h("p", { class: "muted" }, "Select an element on the canvas to change it."));
      return;
    }
    const t = e.type;
    const counted = multiple.includes(t) || t === "repeat";
    const required = h("input", { type: "checkbox", id: "prop-required", checked: e.required === true,
      onchange: () => change({ required: required.checked || undefined }, null) });
    const parts = [
      input("label", t === "paragraph" ? "Text" : t === "panel" ? "Title" : "Label", e.label, { area: t === "paragraph" }),
      input("key", "Key", e.key, { hint: "Letters, digits and _, starting with a letter; answers are stored under it." }),
      t === "paragraph" || t === "heading" ? null : input("help", "Help", e.help),
      textual.includes(t) || isNumeric(t) || t === "select" || t === "multiselect" || dated[t] ? input("placeholder", "Placeholder", e.placeholder) : null,
      defaultField(e),
      holdsAnswer(t) && !["computed", "hidden", "repeat"].includes(t)
        ? h("p", { class: "fb-prop" }, h("label", { class: "inline", for: "prop-required" }, required, " Required")) : null,
      single.includes(t) || multiple.includes(t) || t === "matrix" ? optionsEditor("options", t === "matrix" ? "Columns" : "Choices", e.options) : null,
      t === "matrix" ? optionsEditor("rows", "Rows", e.rows) : null,
      isNumeric(t) || counted ? h("div", { class: "fb-grid" },
        input("min", counted ? (t === "repeat" ? "Fewest rows" : "Fewest choices") : "Minimum", e.min, { type: "number", kind: counted ? "count" : "number" }),
        input("max", counted ? (t === "repeat" ? "Most rows" : "Most choices") : "Maximum", e.max, { type: "number", kind: counted ? "count" : "number" }),
        isNumeric(t) ? input("step", "Step", e.step, { type: "number", kind: "number" }) : null) : null,
      dated[t] ? h("div", { class: "fb-grid" }, input("min", "Earliest", e.min, { type: dated[t] }), input("max", "Latest", e.max, { type: dated[t] })) : null,
      textual.includes(t) ? h("div", { class: "fb-grid" },
        input("minLength", "Fewest characters", e.minLength, { type: "number", kind: "count" }),
        input("maxLength", "Most characters", e.maxLength, { type: "number", kind: "count" }),
        input("pattern", "Pattern", e.pattern, { hint: "A regular expression the answer must match." })) : null,
      t === "computed" ? field("prop-expression", "Expression (JSON Logic)", jsonArea("prop-expression", e.expression,
        (value) => change({ expression: value }, "expression"))) : null,
      holdsAnswer(t) && t !== "computed" ? h("details", { class: "fb-prop" }, h("summary", {}, "Checks (JSON)"),
        h("p", { class: "muted hint" }, "A list of {\"rule\", \"message\"}: each rule must hold, else its message is shown."),
        ...jsonArea("prop-checks", e.checks, (value) => change({ checks: value }, "checks"))) : null,
    ];
    element.replaceChildren(h("h2", { id: "builder-properties-title" }, `${typeName(t)} properties`), ...parts.filter(Boolean));
    keyInput = element.querySelector("#prop-key");
  }

  show(null);
  return { element, show };
}
