// The form builder (the Build tab of #/forms/{id}): a palette of the element types, a canvas of
// the pages and their elements (panels and repeating groups nested), a property and rule editor
// for the selected element, the definition as JSON, and a live preview. Elements are added and
// moved by dragging (HTML5 drag and drop) or from the keyboard (the palette's buttons add after
// the selection; Move up / Move down / Into panel / Out of panel, or Shift with the arrow keys).
// Every change is a snapshot of the definition, undone and redone with Ctrl+Z / Ctrl+Shift+Z.
import { call } from "/ui/api.js";
import { h, modal } from "/ui/dom.js";
import { readDefinition } from "/ui/form-engine.js";
import { propertyEditor, typeGroups, typeName, newElement, isContainer, holdsAnswer, keyFor } from "/ui/form-properties.js";
import { ruleEditor } from "/ui/form-rules.js";
import { renderForm } from "/ui/form-render.js";

// Paths address elements: [page, i, j…] is pages[page].elements[i].elements[j]…; a list is
// addressed by its parent's path ([page] for a page's own list).
const listOf = (definition, parent) => parent.slice(1).reduce((list, index) => (list[index].elements ??= []),
  (definition.pages[parent[0]].elements ??= []));
const elementAt = (definition, path) => listOf(definition, path.slice(0, -1))[path.at(-1)];
function pathOf(definition, key) {
  const search = (list, path) => {
    for (const [index, element] of (list || []).entries()) {
      if (element?.key === key) return [...path, index];
      const found = Array.isArray(element?.elements) ? search(element.elements, [...path, index]) : null;
      if (found) return found;
    }
    return null;
  };
  for (const [index, page] of definition.pages.entries()) {
    const found = search(page.elements, [index]);
    if (found) return found;
  }
  return null;
}
function* walk(list, inGroup = false) {
  for (const element of Array.isArray(list) ? list : []) {
    if (!element || typeof element !== "object") continue;
    yield [element, inGroup];
    yield* walk(element.elements, inGroup || element.type === "repeat");
  }
}
const everyElement = (definition) => definition.pages.flatMap((page) => [...walk(page?.elements)].map(([element]) => element));

/** Rules read answers by key: a renamed key is renamed in every rule that reads it. */
function renameReads(value, from, to) {
  if (Array.isArray(value)) return value.map((item) => renameReads(item, from, to));
  if (value === null || typeof value !== "object") return value;
  if (Object.keys(value).length === 1 && "var" in value) {
    const read = value.var, path = Array.isArray(read) ? read[0] : read;
    if (typeof path === "string" && (path === from || path.startsWith(`${from}.`))) {
      const renamed = to + path.slice(from.length);
      return { var: Array.isArray(read) ? [renamed, ...read.slice(1)] : renamed };
    }
  }
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, renameReads(item, from, to)]));
}
const ruleMembers = ["visibleIf", "requiredIf", "enabledIf", "expression", "checks"];

/** Which element (or page) a problem's pointer names, and the rest of the pointer. */
function problemPlace(pointer) {
  const parts = pointer.split("/").slice(1);
  if (parts[0] !== "pages" || !/^\d+$/.test(parts[1] ?? "")) return { path: "", rest: pointer.slice(1) };
  const path = [Number(parts[1])];
  let at = 2;
  while (parts[at] === "elements" && /^\d+$/.test(parts[at + 1] ?? "")) { path.push(Number(parts[at + 1])); at += 2; }
  return { path: path.join("."), rest: parts.slice(at).join("/") };
}

/**
 * The builder of a form read from the API; `onSaved(form)` hears of each save and publication.
 * Returns `{element, stop}` (`stop` ends its keyboard shortcuts).
 */
export function formBuilder(form, { onSaved = () => {} } = {}) {
  let definition = structuredClone(form.definition?.pages?.length ? form.definition : { pages: [{ title: "Page 1", elements: [] }] });
  let revision = form.revision, saved = JSON.stringify([form.name, form.definition]);
  let selectedKey = null, activePage = 0, problems = [];
  const past = [], future = [];
  let lastTag = null, lastTime = 0, selection = 0;
  // Keys the builder made from a label: they follow the label until the author edits the key.
  const automatic = new Set();

  const name = h("input", { id: "form-name", value: form.name, autocomplete: "off", "aria-describedby": "form-name-message" });
  const nameMessage = h("p", { class: "error field-message", id: "form-name-message" });
  const status = h("p", { id: "builder-status", class: "muted", role: "status" });
  const failure = h("div", { id: "builder-problem", class: "error", role: "alert" });
  const summary = h("div", { id: "builder-problems" });
  const canvas = h("div", { id: "builder-canvas", class: "fb-canvas", "aria-label": "Pages and elements", "aria-describedby": "builder-hint" });
  const button = (id, text, onclick, extra = {}) => h("button", { type: "button", class: "secondary", id, onclick, ...extra }, text);
  const undoButton = button("builder-undo", "Undo", () => undo(), { "aria-keyshortcuts": "Control+Z" });
  const redoButton = button("builder-redo", "Redo", () => redo(), { "aria-keyshortcuts": "Control+Shift+Z" });
  const saveButton = h("button", { type: "button", id: "builder-save", onclick: () => save().catch(() => {}) }, "Save");
  const publishButton = button("builder-publish", "Publish", () => publish());
  const moves = {
    up: button("move-up", "Move up", () => moveBy(selectedKey, -1)),
    down: button("move-down", "Move down", () => moveBy(selectedKey, 1)),
    into: button("move-in", "Into panel", () => moveIn(selectedKey)),
    out: button("move-out", "Out of panel", () => moveOut(selectedKey)),
    remove: button("remove-element", "Remove", () => removeElement(selectedKey)),
  };
  const toolbar = h("div", { class: "row fb-moves", id: "builder-moves", role: "toolbar", "aria-label": "Selected element" }, Object.values(moves));

  const change = (patch, tag) => update(patch, tag);
  const properties = propertyEditor(change);
  const rules = ruleEditor(change, () => fields());
  const json = h("textarea", { id: "builder-json", class: "fb-code", rows: "16", spellcheck: "false", "aria-describedby": "builder-json-error" });
  const jsonError = h("p", { id: "builder-json-error", class: "error field-message", role: "status" });
  json.addEventListener("input", () => {
    let parsed;
    try {
      parsed = JSON.parse(json.value);
      if (!parsed || !Array.isArray(parsed.pages) || !parsed.pages.length) throw new Error("a definition is {\"pages\": [a page, …]}");
    } catch (error) {
      jsonError.textContent = `Not applied: ${error.message}`;
      json.setAttribute("aria-invalid", "true");
      return;
    }
    jsonError.textContent = "";
    json.removeAttribute("aria-invalid");
    commit(() => parsed, { tag: "json" });
  });

  // The preview answers as a respondent would, under the rules as they are now.
  const previewHost = h("div", { id: "builder-preview", class: "fb-preview", "aria-label": "Preview" });
  let preview = null;
  function renderPreview() {
    try {
      if (preview) preview.setDefinition(definition);
      else {
        preview = renderForm(definition, { preview: true, submitLabel: "Submit (preview)", onSubmit: () => {} });
        previewHost.replaceChildren(preview.element);
      }
    } catch (error) {
      preview = null;
      previewHost.replaceChildren(h("p", { class: "muted" }, `The preview cannot show this definition yet: ${error.message}`));
    }
  }

  /** The fields rules may read: those holding an answer, outside repeating groups. */
  function fields() {
    return definition.pages.flatMap((page) => [...walk(page?.elements)])
      .filter(([element, inGroup]) => !inGroup && element.key && holdsAnswer(element.type))
      .map(([element]) => ({ key: element.key, label: element.label, type: element.type, options: element.options }));
  }
  const takenKeys = (except) => new Set(everyElement(definition).map((element) => element.key).filter((key) => key && key !== except));

  /** Applies `mutate` to a copy of the definition, as one step of undo (keystrokes of one `tag` are one step). */
  function commit(mutate, { tag = null, redraw = true } = {}) {
    const before = JSON.stringify(definition);
    const next = structuredClone(definition);
    const replaced = mutate(next) ?? next;
    if (JSON.stringify(replaced) === before) return;
    if (!(tag && tag === lastTag && Date.now() - lastTime < 2000)) {
      past.push(before);
      if (past.length > 200) past.shift();
    }
    future.length = 0;
    lastTag = tag;
    lastTime = Date.now();
    definition = replaced;
    refresh(redraw);
  }

  function undo() {
    if (!past.length) return;
    future.push(JSON.stringify(definition));
    definition = JSON.parse(past.pop());
    lastTag = null;
    refresh(true);
    status.textContent = "Undone.";
  }
  function redo() {
    if (!future.length) return;
    past.push(JSON.stringify(definition));
    definition = JSON.parse(future.pop());
    lastTag = null;
    refresh(true);
    status.textContent = "Redone.";
  }

  /** Changes the element with `key`; answers its key afterwards (an automatic key follows its label). */
  function update(patch, tag) {
    const path = selectedPath();
    if (!path) return selectedKey;
    const key = elementAt(definition, path).key;
    let renamed = key;
    if ("key" in patch) { automatic.delete(key); renamed = patch.key; }
    if ("label" in patch && automatic.has(key) && patch.label) renamed = keyFor(patch.label, takenKeys(key));
    // Reads of a key two elements share are left alone: which one they meant is not known.
    const shared = everyElement(definition).filter((element) => element.key === key).length > 1;
    if (renamed !== key) {
      if (automatic.has(key) && !("key" in patch)) automatic.add(renamed);
      selectedKey = renamed;
    }
    commit((next) => {
      const element = elementAt(next, path);
      for (const [member, value] of Object.entries({ ...patch, key: renamed })) {
        if (value === undefined) delete element[member]; else element[member] = value;
      }
      if (renamed !== key && renamed && key && !shared) {
        for (const other of everyElement(next)) {
          for (const member of ruleMembers) if (other[member] !== undefined) other[member] = renameReads(other[member], key, renamed);
        }
        for (const page of next.pages) if (page.visibleIf !== undefined) page.visibleIf = renameReads(page.visibleIf, key, renamed);
      }
    }, { tag: tag && `${selection}:${tag}`, redraw: false });
    return renamed;
  }

  /** Where the selected element is: where it was selected while its key is still there, else found by key. */
  let pinned = null;
  function selectedPath() {
    if (selectedKey === null) return null;
    let there;
    try { there = pinned && elementAt(definition, pinned); } catch { there = null; }
    if (there?.key !== selectedKey) pinned = pathOf(definition, selectedKey);
    return pinned;
  }

  function select(key, focus = false) {
    if (key !== selectedKey) selection += 1;
    selectedKey = key;
    pinned = null;
    const path = selectedPath();
    if (path) activePage = path[0];
    refresh(true);
    if (focus && key) canvasItem(key)?.focus();
  }
  const canvasItem = (key) => canvas.querySelector(`li.fb-element[data-key="${CSS.escape(key)}"]`);

  /** Adds a new element of `type` into the list of `parent` at `index` (by default after the selection). */
  function add(type, parent, index) {
    if (!parent) {
      const path = selectedPath();
      [parent, index] = path ? [path.slice(0, -1), path.at(-1) + 1] : [[activePage], listOf(structuredClone(definition), [activePage]).length];
    }
    const element = newElement(type, takenKeys());
    automatic.add(element.key);
    commit((next) => { listOf(next, parent).splice(index, 0, element); });
    status.textContent = `Added ${typeName(type)} (${element.key}) to page ${parent[0] + 1}.`;
    select(element.key);
  }

  /** Moves an element into the list of `parent` before `index` (counted before it is taken out). */
  function moveTo(key, parent, index) {
    commit((next) => {
      const from = pathOf(next, key), target = [...parent, index], depth = from.length - 1;
      if (target.length > from.length && from.every((step, at) => step === target[at])) return; // into itself
      const [element] = listOf(next, from.slice(0, -1)).splice(from.at(-1), 1);
      if (target.length > depth && from.slice(0, -1).every((step, at) => step === target[at]) && target[depth] > from[depth]) target[depth] -= 1;
      listOf(next, target.slice(0, -1)).splice(target.at(-1), 0, element);
    });
    announce(key);
  }

  function moveBy(key, delta) {
    const path = pathOf(definition, key);
    if (!path) return;
    const parent = path.slice(0, -1), index = path.at(-1) + delta, list = listOf(definition, parent);
    if (index >= 0 && index < list.length) moveTo(key, parent, delta > 0 ? index + 1 : index);
    else if (parent.length === 1 && definition.pages[parent[0] + delta]) {
      // Past the top or the bottom of a page's list: onto the end of the page before, the start of the next.
      const page = parent[0] + delta;
      moveTo(key, [page], delta > 0 ? 0 : (definition.pages[page].elements || []).length);
    }
    canvasItem(key)?.focus();
  }

  /** Into the panel or group just above (at its end), or else just below (at its start). */
  function moveIn(key) {
    const path = pathOf(definition, key), list = listOf(definition, path.slice(0, -1)), index = path.at(-1);
    if (isContainer(list[index - 1]?.type)) moveTo(key, [...path.slice(0, -1), index - 1], (list[index - 1].elements || []).length);
    else if (isContainer(list[index + 1]?.type)) moveTo(key, [...path.slice(0, -1), index + 1], 0);
    canvasItem(key)?.focus();
  }

  /** Out of its panel or group, just after it. */
  function moveOut(key) {
    const path = pathOf(definition, key);
    if (path.length < 3) return;
    const container = path.slice(0, -1);
    moveTo(key, container.slice(0, -1), container.at(-1) + 1);
    canvasItem(key)?.focus();
  }

  function removeElement(key) {
    const path = pathOf(definition, key);
    if (!path) return;
    const element = elementAt(definition, path);
    commit((next) => { listOf(next, path.slice(0, -1)).splice(path.at(-1), 1); });
    const list = listOf(definition, path.slice(0, -1));
    const neighbour = list[Math.min(path.at(-1), list.length - 1)];
    status.textContent = `Removed ${element.label || element.key}.`;
    select(neighbour?.key ?? null, true);
    if (!neighbour) canvas.focus();
  }

  function announce(key) {
    const path = pathOf(definition, key);
    if (!path) return;
    const list = listOf(definition, path.slice(0, -1));
    const container = path.length > 2 ? elementAt(definition, path.slice(0, -1)) : null;
    status.textContent = `${elementAt(definition, path).label || key} is ${path.at(-1) + 1} of ${list.length} in ${container
      ? `${container.label || container.key}` : `page ${path[0] + 1}`}.`;
  }

  function pageCommand(index, what) {
    commit((next) => {
      if (what === "add") next.pages.push({ title: `Page ${next.pages.length + 1}`, elements: [] });
      if (what === "remove") next.pages.splice(index, 1);
      if (what === "up" || what === "down") next.pages.splice(index + (what === "up" ? -1 : 1), 0, next.pages.splice(index, 1)[0]);
    });
    activePage = Math.min(what === "add" ? definition.pages.length - 1 : what === "remove" ? Math.max(index - 1, 0)
      : index + (what === "up" ? -1 : 1), definition.pages.length - 1);
    canvas.querySelector(what === "remove" ? "#add-page" : `#page-title-${activePage}`)?.focus();
  }

  /** Redraws the canvas, the problems, the preview and the JSON; `all` also redraws the editors. */
  function refresh(all) {
    if (!selectedPath()) selectedKey = null;
    activePage = Math.min(activePage, definition.pages.length - 1);
    try {
      problems = readDefinition(definition).problems || [];
    } catch (error) {
      problems = [{ pointer: "", message: error.message }];
    }
    drawCanvas();
    renderPreview();
    if (document.activeElement !== json) json.value = JSON.stringify(definition, null, 2);
    if (all) {
      // An undo from the keyboard inside an editor keeps the focus on the same control.
      const editing = [properties.element, rules.element].some((part) => part.contains(document.activeElement)) && document.activeElement.id;
      const selected = selectedPath() ? elementAt(definition, selectedPath()) : null;
      properties.show(selected);
      rules.show(selected);
      if (editing) document.getElementById(editing)?.focus();
    }
    const path = selectedPath();
    const list = path && listOf(definition, path.slice(0, -1));
    for (const control of Object.values(moves)) control.disabled = !path;
    if (path) {
      moves.up.disabled = path.at(-1) === 0 && (path.length > 2 || path[0] === 0);
      moves.down.disabled = path.at(-1) === list.length - 1 && (path.length > 2 || path[0] === definition.pages.length - 1);
      moves.into.disabled = !isContainer(list[path.at(-1) - 1]?.type) && !isContainer(list[path.at(-1) + 1]?.type);
      moves.out.disabled = path.length < 3;
    }
    undoButton.disabled = !past.length;
    redoButton.disabled = !future.length;
    const dirty = JSON.stringify([name.value.trim(), definition]) !== saved;
    saveButton.textContent = dirty ? "Save" : "Saved";
    summary.replaceChildren(...(problems.length ? [h("details", { class: "fb-summary", open: true },
      h("summary", {}, `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before publishing`),
      h("ul", {}, problems.map((problem) => h("li", {}, `${problem.pointer || "The form"}: ${problem.message}`))))] : []));
  }

  /** The canvas: each page with its title and commands, then its elements; the focus (and caret) is kept. */
  function drawCanvas() {
    const focused = canvas.contains(document.activeElement) ? document.activeElement : null;
    const [focusID, focusKey, caret] = [focused?.id, focused?.matches("li.fb-element") ? focused.dataset.key : null,
      focused && "selectionStart" in focused ? [focused.selectionStart, focused.selectionEnd] : null];
    const at = new Map();
    for (const problem of problems) {
      const { path, rest } = problemPlace(problem.pointer);
      at.set(path, [...(at.get(path) || []), rest ? `${rest.replace(/\//g, " ")}: ${problem.message}` : problem.message]);
    }
    const notes = (path) => (at.get(path) || []).map((message) => h("li", {}, message));
    const last = definition.pages.length - 1;
    canvas.replaceChildren(...definition.pages.map((page, p) => h("section", { class: `fb-page${p === activePage ? " active" : ""}`, "data-page": String(p) },
      h("div", { class: "row fb-page-head" },
        h("label", { for: `page-title-${p}`, class: "inline" }, `Page ${p + 1}`),
        h("input", { id: `page-title-${p}`, class: "grow", value: page?.title ?? "", autocomplete: "off",
          oninput: (event) => commit((next) => { next.pages[p].title = event.target.value; }, { tag: `page-${p}-title` }),
          onfocus: () => { activePage = p; } }),
        h("button", { type: "button", class: "link", disabled: p === 0, "aria-label": `Move page ${p + 1} up`, onclick: () => pageCommand(p, "up") }, "Up"),
        h("button", { type: "button", class: "link", disabled: p === last, "aria-label": `Move page ${p + 1} down`, onclick: () => pageCommand(p, "down") }, "Down"),
        h("button", { type: "button", class: "link", disabled: last === 0, "aria-label": `Remove page ${p + 1}`,
          onclick: () => ((page.elements || []).length === 0 || confirm(`Remove page ${p + 1} and its elements?`)) && pageCommand(p, "remove") }, "Remove")),
      at.has(String(p)) ? h("ul", { class: "fb-problems error" }, notes(String(p))) : null,
      listView(page?.elements, [p], notes))),
    h("button", { type: "button", class: "secondary", id: "add-page", onclick: () => pageCommand(null, "add") }, "Add page"));
    if (focusKey) canvasItem(focusKey)?.focus({ preventScroll: true });
    else if (focusID) {
      const again = canvas.querySelector(`#${CSS.escape(focusID)}`);
      again?.focus({ preventScroll: true });
      if (again && caret) again.setSelectionRange(...caret);
    }
  }

  function listView(list, parent, notes) {
    const items = (Array.isArray(list) ? list : []).map((element, index) => {
      const path = [...parent, index], mine = notes(path.join(".")), e = element || {};
      const flags = [e.required && "required", e.visibleIf !== undefined && "shown if…", e.requiredIf !== undefined && "required if…",
        e.enabledIf !== undefined && "enabled if…"].filter(Boolean);
      return h("li", { class: `fb-element${mine.length ? " invalid" : ""}`, "data-key": e.key ?? "", "data-type": e.type ?? "",
        tabindex: "0", draggable: "true", "aria-current": selectedPath()?.join(".") === path.join(".") ? "true" : null,
        "aria-label": `${typeName(e.type)}: ${e.label || e.key || "no label"}${mine.length ? `, ${mine.length} problem${mine.length === 1 ? "" : "s"}` : ""}` },
      h("div", { class: "fb-element-head" },
        h("span", { class: "badge" }, typeName(e.type)),
        h("span", { class: "fb-label" }, e.label || h("em", { class: "muted" }, "no label")),
        h("code", { class: "muted" }, e.key ?? ""),
        flags.map((flag) => h("span", { class: "fb-flag" }, flag))),
      mine.length ? h("ul", { class: "fb-problems error" }, mine) : null,
      isContainer(e.type) ? listView(e.elements, path, notes) : null);
    });
    return h("ol", { class: "fb-list", "data-parent": parent.join(".") },
      items.length ? items : h("li", { class: "fb-empty muted" }, parent.length > 1 ? "Drop elements into this group here." : "Drop elements here."));
  }

  // Dragging: from the palette (a new element) or within the canvas (a move); a line shows where
  // it will land. Nothing changes until the drop; Escape or a drop elsewhere leaves all as it was.
  let drag = null;
  const indicator = h("li", { class: "fb-drop", "aria-hidden": "true" });
  const endDrag = () => {
    indicator.remove();
    canvas.querySelector(".fb-dragging")?.classList.remove("fb-dragging");
    drag = null;
  };
  function dropTarget(event) {
    const list = event.target.closest?.("ol.fb-list");
    if (!list || !canvas.contains(list)) return null;
    if (drag.key && canvasItem(drag.key)?.contains(list)) return null;
    const before = [...list.children].find((item) => item.matches("li.fb-element")
      && event.clientY < item.getBoundingClientRect().top + item.getBoundingClientRect().height / 2) || null;
    return { list, before };
  }
  const palette = h("nav", { id: "builder-palette", class: "fb-palette", "aria-label": "Element types" },
    h("h2", {}, "Add"),
    typeGroups.map(([group, types]) => h("section", {}, h("h3", {}, group), h("ul", {}, Object.entries(types).map(([type, text]) =>
      h("li", {}, h("button", { type: "button", class: "fb-type", "data-type": type, draggable: "true",
        title: `Drag onto the canvas, or press to add after the selection`, onclick: () => add(type) }, text)))))));
  palette.addEventListener("dragstart", (event) => {
    const type = event.target.closest?.("[data-type]")?.dataset.type;
    if (!type) return;
    drag = { type };
    event.dataTransfer.setData("text/plain", type);
    event.dataTransfer.effectAllowed = "copy";
  });
  palette.addEventListener("dragend", endDrag);
  canvas.addEventListener("dragstart", (event) => {
    const item = event.target.closest?.("li.fb-element");
    if (!item?.dataset.key) return;
    drag = { key: item.dataset.key };
    event.dataTransfer.setData("text/plain", item.dataset.key);
    event.dataTransfer.effectAllowed = "move";
    item.classList.add("fb-dragging");
  });
  canvas.addEventListener("dragover", (event) => {
    if (!drag) return;
    const target = dropTarget(event);
    if (!target) { indicator.remove(); return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = drag.type ? "copy" : "move";
    if (indicator.parentElement !== target.list || indicator.nextSibling !== target.before) target.list.insertBefore(indicator, target.before);
  });
  canvas.addEventListener("dragleave", (event) => { if (!canvas.contains(event.relatedTarget)) indicator.remove(); });
  canvas.addEventListener("drop", (event) => {
    if (!drag) return;
    const target = dropTarget(event);
    if (!target) return endDrag();
    event.preventDefault();
    const parent = target.list.dataset.parent.split(".").map(Number);
    const index = [...target.list.children].filter((item) => item.matches("li.fb-element"))
      .indexOf(target.before) === -1 ? target.list.querySelectorAll(":scope > li.fb-element").length
      : [...target.list.children].filter((item) => item.matches("li.fb-element")).indexOf(target.before);
    const what = drag;
    endDrag();
    if (what.type) add(what.type, parent, index); else { moveTo(what.key, parent, index); select(what.key); }
  });
  canvas.addEventListener("dragend", endDrag);

  canvas.addEventListener("click", (event) => {
    const item = event.target.closest?.("li.fb-element");
    if (item?.dataset.key && item.dataset.key !== selectedKey) select(item.dataset.key, true);
  });
  canvas.addEventListener("keydown", (event) => {
    const item = event.target;
    if (!item.matches?.("li.fb-element") || !item.dataset.key) return;
    const key = item.dataset.key;
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); return select(key, true); }
    if (event.key === "Delete") { event.preventDefault(); return removeElement(key); }
    if (!event.shiftKey || !event.key.startsWith("Arrow")) return;
    event.preventDefault();
    if (key !== selectedKey) { selectedKey = key; pinned = null; }
    ({ ArrowUp: () => moveBy(key, -1), ArrowDown: () => moveBy(key, 1), ArrowRight: () => moveIn(key), ArrowLeft: () => moveOut(key) })[event.key]();
    select(key, true);
  });

  // Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) anywhere but the JSON, whose text keeps its own undo.
  const shortcuts = (event) => {
    if (!root.isConnected || !(event.ctrlKey || event.metaKey) || event.altKey || event.target === json || document.querySelector("dialog[open]")) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) { event.preventDefault(); undo(); }
    else if ((key === "z" && event.shiftKey) || key === "y") { event.preventDefault(); redo(); }
  };
  document.addEventListener("keydown", shortcuts);
  const leaving = (event) => { if (JSON.stringify([name.value.trim(), definition]) !== saved) event.preventDefault(); };
  window.addEventListener("beforeunload", leaving);
  name.addEventListener("input", () => { nameMessage.textContent = ""; name.removeAttribute("aria-invalid"); refresh(false); });

  /** Saves the draft under the revision read; answers whether it was saved. */
  async function save() {
    failure.replaceChildren();
    saveButton.disabled = true;
    try {
      const body = { name: name.value.trim(), definition, revision };
      const stored = await call("PUT", `/v1/forms/${form.id}`, body);
      revision = stored.revision;
      saved = JSON.stringify([stored.name, stored.definition]);
      if (JSON.stringify(stored.definition) === JSON.stringify(definition)) saved = JSON.stringify([name.value.trim(), definition]);
      status.textContent = `Saved: revision ${revision}.`;
      onSaved(stored);
      return true;
    } catch (error) {
      refused(error);
      throw error;
    } finally {
      saveButton.disabled = false;
      refresh(false);
    }
  }

  /** A refusal: someone else's revision (reload or overwrite), or the problems the server found beside their elements. */
  function refused(error) {
    if (error.body?.type?.endsWith("form-revision-conflict")) {
      failure.replaceChildren(h("p", {}, "Someone else saved this form meanwhile."),
        h("div", { class: "row" },
          h("button", { type: "button", class: "secondary", id: "builder-reload", onclick: reload }, "Reload theirs (drops these changes)"),
          h("button", { type: "button", class: "secondary", id: "builder-overwrite", onclick: () => { revision = undefined; save().catch(() => {}); } },
            "Overwrite with mine")));
      failure.querySelector("button").focus();
      return;
    }
    const errors = error.body?.errors || [];
    const named = errors.find((entry) => entry.pointer === "/name");
    if (named) { nameMessage.textContent = named.message; name.setAttribute("aria-invalid", "true"); name.focus(); }
    const inDefinition = errors.filter((entry) => entry.pointer.startsWith("/definition"))
      .map((entry) => ({ pointer: entry.pointer.slice("/definition".length), message: entry.message }));
    failure.replaceChildren(h("p", {}, error.message));
    if (inDefinition.length) {
      problems = inDefinition;
      drawCanvas();
      canvas.querySelector("li.fb-element.invalid")?.focus();
    }
  }

  async function reload() {
    try {
      const fresh = await call("GET", `/v1/forms/${form.id}`);
      past.push(JSON.stringify(definition));
      definition = fresh.definition;
      revision = fresh.revision;
      name.value = fresh.name;
      saved = JSON.stringify([fresh.name, fresh.definition]);
      failure.replaceChildren();
      status.textContent = `Reloaded revision ${revision}; Undo brings your changes back.`;
      refresh(true);
    } catch (error) {
      failure.replaceChildren(h("p", {}, error.message));
    }
  }

  /** Saves, publishes, and lists what the new version changed. */
  async function publish() {
    publishButton.disabled = true;
    try {
      if (JSON.stringify([name.value.trim(), definition]) !== saved && !(await save())) return;
      const answer = await call("POST", `/v1/forms/${form.id}/publish`);
      onSaved(answer.form);
      status.textContent = `Published version ${answer.version.version}.`;
      const { added = [], removed = [], changed = [] } = answer.changes || {};
      const list = (title, keys, id) => keys.length ? [h("h3", {}, title), h("ul", { id }, keys.map((key) => h("li", {}, h("code", {}, key))))] : [];
      modal("publish-dialog", `Version ${answer.version.version} published`,
        h("p", {}, answer.isNew ? "New answers go to this version." : "The draft was already published: nothing new was frozen."),
        list("Added", added, "publish-added"), list("Removed", removed, "publish-removed"), list("Changed", changed, "publish-changed"),
        answer.isNew && !added.length && !removed.length && !changed.length ? h("p", { class: "muted" }, "No field changed.") : null);
    } catch (error) {
      if (!failure.childElementCount) failure.replaceChildren(h("p", {}, error.message));
    } finally {
      publishButton.disabled = false;
    }
  }

  const root = h("div", { class: "fb" },
    h("div", { class: "row fb-bar" },
      h("label", { for: "form-name", class: "inline" }, "Name"), h("span", { class: "grow" }, name),
      undoButton, redoButton, saveButton, publishButton),
    nameMessage, failure, status, summary,
    h("div", { class: "fb-columns" },
      palette,
      h("div", { class: "fb-main" },
        h("p", { id: "builder-hint", class: "muted hint" },
          "Drag types onto a page, or press one to add it after the selection. Drag elements to reorder them or move them into a panel; "
          + "from the keyboard, select one and press Shift with the arrow keys (Right: into the panel above, Left: out of its panel)."),
        toolbar, canvas),
      h("div", { class: "fb-side" }, properties.element, rules.element,
        h("details", { class: "fb-json" }, h("summary", {}, "Definition as JSON"), json, jsonError)),
      h("section", { class: "fb-preview-column", "aria-labelledby": "builder-preview-title" },
        h("h2", { id: "builder-preview-title" }, "Preview"),
        h("p", { class: "muted hint" }, "Answer here to try the rules; nothing is sent."), previewHost)));
  refresh(true);
  return {
    element: root,
    stop: () => { document.removeEventListener("keydown", shortcuts); window.removeEventListener("beforeunload", leaving); },
  };
}
