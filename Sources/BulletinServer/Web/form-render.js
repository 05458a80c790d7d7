// A form definition rendered for answering: the public answering page (respond.js) and the
// builder's live preview both use it. Every element type becomes native, labelled controls;
// on every input the rules are evaluated again through form-engine.js (the server's own
// rules): invisible elements are hidden (and leave the tab order), disabled ones disabled,
// required ones marked, computed values shown. "Next" validates the page, the last page's
// button the whole form; each problem shows beside its field (aria-invalid, aria-describedby)
// and in a summary at the top whose links move to the field.
//
// Answers come out as the server stores them: numbers as numbers, multiple choices as lists,
// a matrix as {row: column}, a repeatable group as a list of row objects, toggles and consent
// as booleans; empty inputs are left out, computed values too (the server sets them).
// Controls' ids are `answer-` (`preview-` in a preview) and the answer's pointer with dashes
// (`answer-people-0-name`); each field's wrapper has `data-pointer` (`/people/0/name`).
import { h } from "/ui/dom.js";
import { evaluateForm, readDefinition, validateAnswers } from "/ui/form-engine.js";
import { bounds, clean, controlFor, finite, holdsAnswer, isObject, requiredWords, shown, under, valueAt } from "/ui/form-fields.js";

const containers = new Set(["panel", "repeat"]);
const stateID = (pointer, rows) => pointer + rows.map((row) => `#${row}`).join("");

/**
 * Renders `definition` (the JSON with `pages`). `onChange(answers)` follows every input;
 * `onSubmit(answers)` runs once the whole form is valid, `onSave(answers)` (a "Save and continue
 * later" button, shown when given) once the answers' shapes are; both may return promises.
 */
export function renderForm(definition, { answers = {}, onChange = () => {}, onSubmit, onSave, submitLabel = "Submit", preview = false } = {}) {
  const prefix = preview ? "preview" : "answer";
  const values = isObject(answers) ? structuredClone(answers) : {};
  // A new response starts from the defaults (a preview shows them after every change too).
  let withDefaults = Object.keys(values).length === 0;
  const nodes = new Map(), pageVisible = [];
  let json = null, engine = null, page = 0, problems = [], elementsByPointer = new Map(), sections = [];

  const summary = h("div", { class: "error-summary", role: "alert", tabindex: "-1", hidden: true });
  const progressText = h("p", { class: "form-progress-text", id: `${prefix}-progress` });
  const progressBar = h("progress", { "aria-labelledby": progressText.id });
  const progress = h("div", { class: "form-progress" }, progressText, progressBar);
  const requiredNote = h("p", { class: "muted required-note", hidden: true }, "Fields marked ", h("span", { class: "required-mark", "aria-hidden": "true" }, "*"), " are required.");
  const pagesBox = h("div", { class: "form-pages" });
  const status = h("p", { class: "muted form-status", role: "status" });
  const back = h("button", { type: "button", class: "secondary", id: `${prefix}-back`, onclick: () => move(-1) }, "Back");
  const next = h("button", { type: "submit", id: `${prefix}-next` }, "Next");
  const save = onSave ? h("button", { type: "button", class: "secondary", id: `${prefix}-save`, onclick: () => saveAnswers() }, "Save and continue later") : null;
  const form = h("form", { class: "answer-form", novalidate: true, onsubmit: (event) => { event.preventDefault(); advance(); } },
    pagesBox, h("div", { class: "row form-buttons" }, back, h("span", { class: "grow" }), save, next), status);
  const element = h("div", { class: `answer-form-view${preview ? " preview" : ""}` }, summary, progress, requiredNote, form);

  const allElements = () => (json?.pages || []).flatMap((item) => item?.elements || []);
  const currentAnswers = (saving = false) => clean(values, allElements(), saving);

  // ---- Building the controls --------------------------------------------------------------

  /** Registers a node for a state (and with every repeatable group around it, which redraws it). */
  function register(node, scope) {
    const id = stateID(node.pointer, scope.rows);
    nodes.set(id, node);
    for (const owned of scope.owners) owned.add(id);
    return node;
  }

  /** The element at `pointer` as DOM (null when nothing shows), in `scope` (its row, page and values). */
  function build(item, pointer, scope) {
    if (!item || typeof item !== "object") return null;
    const answer = holdsAnswer(item) ? `${scope.path}/${item.key}` : null;
    const id = `${prefix}${(answer ?? `-element${pointer}${scope.rows.map((row) => `/${row}`).join("")}`).replace(/[^A-Za-z0-9_]+/g, "-")}`;
    const defaults = withDefaults || scope.fresh;
    const node = { pointer, element: item, answer, page: scope.page, context: scope.context, controls: [], invalid: [], marks: [] };
    const { type } = item;
    if (type === "hidden") {
      if (defaults && scope.values[item.key] === undefined && item.default !== undefined) scope.values[item.key] = structuredClone(item.default);
      return null;
    }
    if (type === "heading") {
      const level = Math.min((scope.titled ? 3 : 2) + scope.depth, 6);
      node.wrapper = h(`h${level}`, { class: "form-heading", id }, item.label ?? "");
      return register(node, scope).wrapper;
    }
    if (type === "paragraph") {
      node.wrapper = h("p", { class: "form-paragraph", id }, item.label ?? "", item.help ? [h("br"), item.help] : null);
      return register(node, scope).wrapper;
    }
    if (type === "panel") {
      const children = (item.elements || []).map((child, index) => build(child, `${pointer}/elements/${index}`, { ...scope, depth: scope.depth + 1 }));
      const help = item.help ? h("p", { class: "help", id: `${id}-help` }, item.help) : null;
      node.wrapper = h("fieldset", { class: "form-panel", id, "aria-describedby": help?.id }, item.label ? h("legend", {}, item.label) : null, help, children);
      return register(node, scope).wrapper;
    }
    if (defaults && answer && scope.values[item.key] === undefined && item.default !== undefined && type !== "computed") {
      scope.values[item.key] = structuredClone(item.default);
    }
    node.message = h("p", { class: "error answer-message", id: `${id}-message` });
    const helpText = [item.help, bounds(item),
      type === "file" ? "File uploads come later: for now, type a reference to the file, such as its name or address." : null,
      type === "multiselect" ? "Hold Ctrl (⌘ on a Mac) to choose more than one." : null].filter(Boolean).join(" ");
    const help = helpText ? h("p", { class: "help", id: `${id}-help` }, helpText) : null;
    const describedBy = [help?.id, node.message.id].filter(Boolean).join(" ");
    const mark = () => { const span = h("span", { class: "required-mark", "aria-hidden": "true", hidden: true }, " *"); node.marks.push(span); return span; };
    const set = (value) => { scope.values[item.key] = value; changed(node); };
    const current = scope.values[item.key];
    const context = { item, id, node, set, current, describedBy, mark, scope, pointer };
    const body = (type === "repeat" ? repeatControl : controlFor[type] || controlFor.text)(context);
    node.wrapper = body.group
      ? h("fieldset", { class: `answer-field ${type}`, id: `${id}-field`, "data-pointer": answer, "aria-describedby": describedBy, ...body.group },
        h("legend", {}, item.label || item.key, mark(), body.requiredText), help, body.content, node.message)
      : h("div", { class: `answer-field ${type}`, id: `${id}-field`, "data-pointer": answer },
        body.inline ? null : h("label", { for: id }, item.label || item.key, mark()), help, body.content, node.message);
    node.focus ??= node.controls[0];
    return register(node, scope).wrapper;
  }

  /** A repeatable group: its rows of the child elements, with Add row and Remove row within min and max. */
  function repeatControl({ item, id, node, scope, pointer }) {
    const low = Math.max(0, Math.round(finite(item.min) ?? 0)), high = Math.round(finite(item.max) ?? 200);
    const label = item.label || item.key;
    let list = scope.values[item.key];
    if (!Array.isArray(list)) {
      list = [];
      const start = Math.max(low, item.required === true ? 1 : 0);
      for (let index = 0; index < start; index += 1) list.push({});
      scope.values[item.key] = list;
    }
    const owned = new Set(), rowsBox = h("div", { class: "repeat-rows" });
    const add = h("button", { type: "button", class: "secondary", id: `${id}-add`, onclick: () => {
      list.push({});
      drawRows(true);
      changed(node, true);
      status.textContent = `${label} ${list.length} added.`;
      rowsBox.lastElementChild?.querySelector("input, select, textarea, button")?.focus();
    } }, "Add row");
    node.limits = () => {
      add.disabled = node.disabled || list.length >= high;
      for (const button of rowsBox.querySelectorAll(":scope > fieldset > .row > .remove-row")) button.disabled = node.disabled || list.length <= low;
    };
    function drawRows(fresh) {
      for (const key of owned) nodes.delete(key);
      owned.clear();
      rowsBox.replaceChildren(...list.map((row, index) => {
        if (!isObject(row)) list[index] = row = {};
        const rowScope = { ...scope, rows: [...scope.rows, index], path: `${node.answer}/${index}`, values: row, depth: scope.depth + 1,
          owners: [...scope.owners, owned], context: `${scope.context}${label} ${index + 1}: ` };
        const children = (item.elements || []).map((child, position) => build(child, `${pointer}/elements/${position}`, fresh && index === list.length - 1 ? { ...rowScope, fresh: true } : rowScope));
        const remove = h("button", { type: "button", class: "link remove-row", "aria-label": `Remove ${label} ${index + 1}`, onclick: () => {
          list.splice(index, 1);
          drawRows(false);
          changed(node, true);
          status.textContent = `${label} ${index + 1} removed.`;
          add.disabled ? rowsBox.querySelector(".remove-row")?.focus() : add.focus();
        } }, "Remove row");
        return h("fieldset", { class: "repeat-row" }, h("legend", {}, `${label} ${index + 1}`), children, h("div", { class: "row" }, remove));
      }));
      node.limits();
    }
    node.controls.push(add);
    node.focus = add;
    drawRows(false);
    return { group: {}, requiredText: requiredWords(node), content: [rowsBox, add] };
  }

  // ---- Rules, pages and problems ----------------------------------------------------------

  /** After an input: rules again, the field's own problem checked again, then the listener. */
  function changed(node, rowsChanged = false) {
    const shownBefore = problems.length;
    status.textContent = "";
    if (rowsChanged) problems = problems.filter((problem) => !under(problem.pointer, node.answer));
    update();
    if (!rowsChanged && problems.some((problem) => nodeFor(problem.pointer) === node)) {
      const fresh = check(true).filter((problem) => nodeFor(problem.pointer) === node);
      problems = [...problems.filter((problem) => nodeFor(problem.pointer) !== node), ...fresh];
    }
    if (shownBefore || problems.length) drawProblems();
    onChange(currentAnswers());
  }

  const check = (complete) => (engine ? validateAnswers(engine, currentAnswers(!complete), { complete }).problems || [] : []);

  /** Applies the rules' states to the controls, and shows or skips pages. */
  function update() {
    if (!engine) return;
    const { values: settled = {}, states = [] } = evaluateForm(engine, currentAnswers());
    let anyRequired = false;
    pageVisible.fill(false);
    for (const state of states) {
      if (!state.rows?.length && state.visible) {
        const index = Number(state.pointer.split("/")[2]);
        if (elementsByPointer.get(state.pointer)?.type !== "hidden") pageVisible[index] = true;
      }
      const node = nodes.get(stateID(state.pointer, state.rows || []));
      if (!node) continue;
      node.wrapper.hidden = !state.visible;
      node.disabled = !state.enabled;
      for (const control of node.controls) control.disabled = !state.enabled;
      node.limits?.();
      node.wrapper.classList.toggle("disabled", !state.enabled);
      for (const mark of node.marks) mark.hidden = !state.required;
      for (const control of node.required || []) {
        if (state.required) control.setAttribute("aria-required", "true"); else control.removeAttribute("aria-required");
      }
      if (node.element.type === "radio" || node.element.type === "rating") {
        if (state.required) node.wrapper.setAttribute("aria-required", "true"); else node.wrapper.removeAttribute("aria-required");
      }
      anyRequired ||= state.required && state.visible;
      if (node.output) node.output.textContent = shown(valueAt(settled, node.answer));
    }
    json.pages.forEach((item, index) => { if (!(item?.elements || []).length) pageVisible[index] = !item?.visibleIf; });
    requiredNote.hidden = !anyRequired;
    drawPages();
  }

  const visiblePages = () => sections.map((_, index) => index).filter((index) => pageVisible[index] || index === page);

  function drawPages() {
    const visible = visiblePages(), position = visible.indexOf(page);
    sections.forEach((section, index) => { section.hidden = index !== page; });
    back.hidden = position <= 0;
    next.textContent = position === visible.length - 1 ? submitLabel : "Next";
    progress.hidden = visible.length < 2;
    progressText.textContent = `Page ${position + 1} of ${visible.length}`;
    progressBar.max = visible.length;
    progressBar.value = position + 1;
  }

  /** Shows another page, its title (or first field) focused. */
  function go(index, focus = true) {
    page = index;
    drawPages();
    if (!focus) return;
    const section = sections[page];
    const first = [...section.querySelectorAll("input, select, textarea, button")].find((control) => !control.disabled && !control.closest("[hidden]"));
    (section.querySelector(":scope > h2[tabindex]") || first)?.focus();
  }

  function move(step) {
    const visible = visiblePages(), target = visible[visible.indexOf(page) + step];
    if (target !== undefined) go(target);
  }

  /** The node that answers for a pointer into the answers: the deepest field at or above it. */
  function nodeFor(pointer) {
    let best = null;
    for (const node of nodes.values()) {
      if (node.answer && under(pointer, node.answer) && (!best || node.answer.length > best.answer.length)) best = node;
    }
    return best;
  }

  /** A problem's words: a message that goes on from the field's name ("is required") gets it. */
  const sentence = (node, message) => {
    const text = String(message ?? "");
    const name = node ? node.element.label || node.element.key : null;
    const full = name && /^[a-z]/.test(text) ? `${name} ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?]$/.test(full) ? full : `${full}.`;
  };

  function drawProblems() {
    for (const node of nodes.values()) {
      if (!node.message) continue;
      node.message.textContent = "";
      node.wrapper.classList.remove("has-problem");
      for (const control of node.invalid) control.removeAttribute("aria-invalid");
    }
    const items = problems.map((problem) => {
      const node = nodeFor(problem.pointer);
      if (!node?.message) return h("li", {}, sentence(null, problem.message));
      node.message.textContent = [node.message.textContent, sentence(node, problem.message)].filter(Boolean).join(" ");
      node.wrapper.classList.add("has-problem");
      for (const control of node.invalid) control.setAttribute("aria-invalid", "true");
      const target = node.focus || node.wrapper;
      return h("li", {}, h("a", { href: `#${target.id}`, onclick: (event) => { event.preventDefault(); focusNode(node); } },
        node.context + sentence(node, problem.message)));
    });
    summary.hidden = items.length === 0;
    summary.replaceChildren(h("h2", {}, items.length === 1 ? "There is a problem" : `There are ${items.length} problems`), h("ul", {}, items));
  }

  function focusNode(node) {
    if (node.page !== page) go(node.page, false);
    const target = node.focus && !node.focus.disabled ? node.focus : node.wrapper;
    if (target === node.wrapper) target.setAttribute("tabindex", "-1");
    target.focus();
  }

  function showProblems(list) {
    problems = (Array.isArray(list) ? list : []).map(({ pointer = "", message }) => ({ pointer, message }));
    drawProblems();
  }

  /** Moves to the first field in error (in page order), else to the summary. */
  function focusFirstProblem() {
    const erring = problems.map((problem) => nodeFor(problem.pointer)).filter((node) => node?.message);
    erring.sort((a, b) => a.page - b.page || (a.wrapper.compareDocumentPosition(b.wrapper) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    if (erring.length) return focusNode(erring[0]);
    if (!summary.hidden) summary.focus();
  }

  let busy = false;
  /** Runs an answering action with the buttons off, so a double click sends once. */
  async function busyWhile(action) {
    busy = true;
    for (const button of [back, next, save]) if (button) button.disabled = true;
    try { await action(); } catch (error) {
      status.textContent = error?.message || "Something went wrong; try again.";
    } finally {
      busy = false;
      for (const button of [back, next, save]) if (button) button.disabled = false;
    }
  }

  /** Next: the page's problems, or the next page; on the last page the whole form, then onSubmit. */
  function advance() {
    if (busy || !engine) return;
    const visible = visiblePages(), last = visible.indexOf(page) === visible.length - 1;
    const found = check(true);
    const mine = last ? found : found.filter((problem) => nodeFor(problem.pointer)?.page === page);
    showProblems(mine);
    if (mine.length) return focusFirstProblem();
    if (!last) return move(1);
    status.textContent = "";
    if (onSubmit) return busyWhile(() => onSubmit(currentAnswers()));
    status.textContent = "These answers would be accepted.";
  }

  function saveAnswers() {
    if (busy || !engine) return;
    showProblems(check(false));
    if (problems.length) return focusFirstProblem();
    return busyWhile(() => onSave(currentAnswers(true)));
  }

  /** Draws the definition anew, keeping the answers that still apply and the page when it still exists. */
  function setDefinition(next) {
    json = next;
    const read = readDefinition(next);
    engine = read?.definition ?? null;
    nodes.clear();
    problems = [];
    status.textContent = "";
    drawProblems();
    if (!engine || !Array.isArray(next?.pages)) {
      sections = [];
      pagesBox.replaceChildren(h("div", { class: "error", role: "alert" }, h("p", {}, "This form cannot be shown:"),
        h("ul", {}, (read?.problems || []).map((problem) => h("li", {}, `${problem.pointer || "The form"}: ${problem.message}`)))));
      for (const part of [progress, requiredNote, form.querySelector(".form-buttons")]) part.hidden = true;
      return;
    }
    form.querySelector(".form-buttons").hidden = false;
    elementsByPointer = new Map();
    const walk = (elements, pointer) => (elements || []).forEach((item, index) => {
      elementsByPointer.set(`${pointer}/${index}`, item);
      if (containers.has(item?.type)) walk(item.elements, `${pointer}/${index}/elements`);
    });
    next.pages.forEach((item, index) => walk(item?.elements, `/pages/${index}/elements`));
    pageVisible.length = next.pages.length;
    pageVisible.fill(true);
    sections = next.pages.map((item, index) => {
      const titled = Boolean(item?.title);
      const scope = { rows: [], path: "", values, page: index, depth: 0, titled, owners: [], context: "" };
      return h("section", { class: "form-page", "aria-labelledby": titled ? `${prefix}-page-${index}` : undefined },
        titled ? h("h2", { id: `${prefix}-page-${index}`, tabindex: "-1" }, item.title) : null,
        item?.description ? h("p", { class: "muted" }, item.description) : null,
        (item?.elements || []).map((child, position) => build(child, `/pages/${index}/elements/${position}`, scope)));
    });
    pagesBox.replaceChildren(...sections);
    page = Math.min(page, sections.length - 1);
    update();
    if (!pageVisible[page]) page = Math.max(0, pageVisible.indexOf(true));
    drawPages();
    withDefaults = preview;
  }

  setDefinition(definition);
  return { element, setDefinition, answers: currentAnswers, showProblems, focusFirstProblem };
}
