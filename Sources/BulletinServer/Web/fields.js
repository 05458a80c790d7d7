// Form fields that show the server's messages: each field has a JSON pointer, and a problem's
// `errors[]` entry at that pointer is shown beside it once the user has touched the field or
// asked to go on.
import { Problem } from "/ui/api.js";
import { h, modal } from "/ui/dom.js";

/** A set of fields by pointer, with the messages last received for them. */
export class FieldSet {
  constructor(onInput) {
    this.fields = new Map();
    this.touched = new Set();
    this.revealed = new Set();
    this.errors = [];
    this.onInput = onInput;
  }

  /**
   * A labelled input bound to `state[key]`, answering for `pointer`. Returns the label, the
   * input and its message, for placing in a form.
   */
  input(pointer, label, state, key, attributes = {}) {
    const id = `field${pointer.replace(/[^A-Za-z0-9]+/g, "-")}`;
    const tag = attributes.multiline ? "textarea" : "input";
    const input = h(tag, { id, ...attributes, multiline: undefined, "aria-describedby": `${id}-message` });
    input.value = state[key];
    const message = h("p", { class: "error field-message", id: `${id}-message` });
    // A field's message shows from the first time the user leaves it changed, then follows
    // every keystroke.
    input.addEventListener("input", () => {
      state[key] = input.value;
      this.onInput();
    });
    input.addEventListener("change", () => {
      this.touched.add(pointer);
      this.draw();
    });
    this.fields.set(pointer, { input, message });
    return [h("label", { for: id }, label), input, message];
  }

  /** Forgets the fields under a pointer, before they are drawn again. */
  forget(prefix) {
    for (const pointer of [...this.fields.keys()]) if (pointer.startsWith(prefix)) this.fields.delete(pointer);
  }

  /** Shows every message under these prefixes from now on, touched or not. */
  reveal(prefixes) {
    for (const prefix of prefixes) this.revealed.add(prefix);
    this.draw();
  }

  /** The errors under these prefixes. */
  errorsUnder(prefixes) {
    return this.errors.filter((error) => prefixes.some((prefix) => under(error.pointer, prefix)));
  }

  /**
   * Takes the server's errors; `resolve(pointer)` names the field that answers for an
   * error's pointer (for pointers that are not a field's own, such as an attribute's key).
   */
  update(errors, resolve = (pointer) => pointer) {
    this.errors = errors.map((error) => ({ ...error, field: resolve(error.pointer) }));
    this.draw();
  }

  draw() {
    for (const [pointer, { input, message }] of this.fields) {
      const error = this.errors.find((candidate) => candidate.field === pointer);
      const visible = error && (this.touched.has(pointer) || [...this.revealed].some((prefix) => under(pointer, prefix)));
      message.textContent = visible ? error.message : "";
      if (visible) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    }
  }

}

/** Whether an RFC 6901 pointer lies under another (or is it). */
export const under = (pointer, prefix) => pointer === prefix || pointer.startsWith(`${prefix}/`);

/**
 * A form in a dialog (`#PREFIX-dialog`), fields named by the JSON pointers of the body they make:
 * `[pointer, label, {type, tag, options: [[value, text]], …}]`, filled from `values`. `extra(slot)`
 * adds controls (`slot(pointer, element)`: their message). The body goes through `adjust` to
 * `send`; a refusal's messages show beside their fields (or parents'), others in `#PREFIX-problem`.
 */
export function formDialog(prefix, title, { fields: list, values = {}, extra = () => [], button = "Save", adjust = (body) => body, send }) {
  const fields = new Map();
  const id = (pointer) => `${prefix}${pointer.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const slot = (pointer, control) => {
    const message = h("p", { class: "error field-message", id: `${id(pointer)}-message` });
    control.setAttribute("aria-describedby", message.id);
    control.addEventListener("input", () => { message.textContent = ""; control.removeAttribute("aria-invalid"); });
    fields.set(pointer, { control, message });
    return message;
  };
  const grid = list.map(([pointer, label, { tag = "input", options = [], ...attributes } = {}]) => {
    const control = h(tag, { id: id(pointer), autocomplete: "off", ...attributes }, options.map(([value, text]) => h("option", { value }, text)));
    control.value = pointer.split("/").slice(1).reduce((value, key) => value?.[key], values) ?? "";
    return h("div", {}, h("label", { for: control.id }, label), control, slot(pointer, control));
  });
  const failure = h("p", { class: "error", role: "alert", id: `${prefix}-problem` });
  const submit = h("button", { type: "submit", id: `${prefix}-save` }, button);
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const body = {};
    for (const [pointer, , { type } = {}] of list) {
      const text = fields.get(pointer).control.value.trim(), keys = pointer.split("/").slice(1), last = keys.pop();
      if (type !== "number" || text) keys.reduce((object, key) => (object[key] ??= {}), body)[last] = type === "number" ? Number(text) : text;
    }
    submit.disabled = true;
    failure.textContent = "";
    for (const { control, message } of fields.values()) { message.textContent = ""; control.removeAttribute("aria-invalid"); }
    try {
      await send(adjust(body));
      dialog.close();
    } catch (error) {
      const loose = [];
      for (const { pointer, message } of error.body?.errors || []) {
        const field = fields.get(pointer) || fields.get(pointer.replace(/\/[^/]*$/, ""));
        if (!field) { loose.push(message); continue; }
        field.message.textContent += ` ${message}`;
        field.control.setAttribute("aria-invalid", "true");
      }
      failure.textContent = [error instanceof Problem ? error.message : "The server could not be reached; try again.", ...loose].join(" ");
      const first = form.querySelector("[aria-invalid=true]");
      (first?.tagName === "FIELDSET" ? first.querySelector("input") : first)?.focus();
    } finally {
      submit.disabled = false;
    }
  } }, h("div", { class: "form-grid" }, grid), extra(slot), failure, h("div", { class: "row" }, submit));
  const dialog = modal(`${prefix}-dialog`, title, form);
}
