// Forms (#/forms): the list, and a form's page (#/forms/{id}, #/forms/{id}/{tab}) with its tabs:
// Build (editors: the builder), Submissions (live on the form's topic, filtered, paged, exported
// as CSV), Links (public answering links: made, shown once, revoked) and Versions.
import { call, fetchWithSession, follow } from "/ui/api.js";
import { h, modal, show } from "/ui/dom.js";
import { formDialog } from "/ui/fields.js";
import { formBuilder } from "/ui/form-builder.js";

const when = (instant) => (instant ? new Date(instant).toLocaleString() : "–");

/** The forms of the workspace, most recently changed first; editors make new ones. */
export async function formsPage(mayEdit) {
  const rows = h("tbody", {});
  const problem = h("p", { class: "error", role: "alert", id: "forms-problem" });
  const more = h("button", { type: "button", class: "secondary", id: "more-forms", hidden: true }, "More");
  let cursor = null;
  async function load(append) {
    try {
      const page = await call("GET", `/v1/forms${append && cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      const items = page.items.map((form) => h("tr", { "data-id": form.id },
        h("td", {}, h("a", { href: `#/forms/${form.id}` }, form.name)),
        h("td", { class: "number" }, form.publishedVersion ? `Version ${form.publishedVersion}` : "Not published"),
        h("td", { class: "number" }, String(form.revision)), h("td", {}, when(form.updatedAt))));
      if (append) rows.append(...items); else rows.replaceChildren(...items);
      if (!rows.children.length) rows.append(h("tr", {}, h("td", { colspan: "4", class: "muted" }, "No forms yet.")));
    } catch (error) {
      problem.textContent = error.message;
    }
  }
  more.addEventListener("click", () => load(true));
  const create = () => formDialog("new-form", "New form", {
    fields: [["/name", "Name"]],
    button: "Create",
    adjust: (body) => ({ ...body, definition: { pages: [{ title: "Page 1", elements: [] }] } }),
    send: async (body) => { location.hash = `#/forms/${(await call("POST", "/v1/forms", body)).id}/build`; },
  });
  show(h("div", { class: "row heading" }, h("h1", { class: "grow" }, "Forms"),
    mayEdit ? h("button", { type: "button", id: "new-form", onclick: create }, "New form") : null),
  h("div", { class: "card scroll" }, problem, h("table", { id: "forms" },
    h("thead", {}, h("tr", {}, ["Name", "Published", "Draft revision", "Updated"].map((text) =>
      h("th", { scope: "col", class: ["Published", "Draft revision"].includes(text) ? "number" : null }, text)))), rows), more));
  await load(false);
}

// The page shown, kept while only its tab changes (the builder's unsaved work stays).
let shown = null;

/** A form's page at one of its tabs (Build for editors, else Submissions, by default). */
export async function formPage(id, mayEdit, tab) {
  const tabs = { ...(mayEdit ? { build: "Build" } : {}), submissions: "Submissions", links: "Links", versions: "Versions" };
  tab = tabs[tab] ? tab : Object.keys(tabs)[0];
  if (shown?.id === id && shown.root.isConnected) return shown.open(tab);
  shown?.stop();
  shown = null;
  let form;
  try {
    form = await call("GET", `/v1/forms/${id}`);
  } catch (error) {
    show(h("h1", {}, "Form"), h("p", { class: "error", role: "alert" }, error.message));
    return;
  }
  if (!location.hash.startsWith(`#/forms/${id}`)) return;
  const heading = h("h1", { class: "grow", id: "form-title" }, form.name);
  const facts = h("p", { class: "muted", id: "form-facts" });
  const describe = () => {
    heading.textContent = form.name;
    facts.textContent = `${form.publishedVersion ? `Version ${form.publishedVersion} published` : "Not published yet"}; draft revision ${form.revision}.`;
  };
  describe();
  const changed = (next) => { form = next; describe(); versions.load(); };
  const builder = mayEdit ? formBuilder(form, { onSaved: changed }) : null;
  const submissions = submissionsTab(() => form);
  const links = linksTab(form.id, mayEdit);
  const versions = versionsTab(form.id);
  const panels = { build: builder?.element, submissions: submissions.element, links: links.element, versions: versions.element };
  const buttons = Object.entries(tabs).map(([name, text]) => h("a", { role: "tab", id: `tab-${name}`, href: `#/forms/${id}/${name}`,
    "aria-controls": `panel-${name}` }, text));
  const opened = new Set();
  const root = h("div", { class: "form-page" },
    h("div", { class: "row heading" }, heading, h("a", { href: "#/forms" }, "All forms")), facts,
    h("div", { role: "tablist", class: "tabs", "aria-label": "Form" }, buttons),
    Object.keys(tabs).map((name) => h("div", { role: "tabpanel", id: `panel-${name}`, "aria-labelledby": `tab-${name}`, hidden: true },
      panels[name])));
  function open(name) {
    for (const button of buttons) button.setAttribute("aria-selected", String(button.id === `tab-${name}`));
    for (const key of Object.keys(tabs)) root.querySelector(`#panel-${key}`).hidden = key !== name;
    if (!opened.has(name)) {
      opened.add(name);
      ({ submissions, links, versions })[name]?.load();
    }
  }

  // Live: a new answer shows in the table; a save or publication elsewhere updates the facts.
  const stopFollowing = follow([form.topic], ["form.submitted", "form.updated", "form.published"], (type) => {
    if (type === "form.submitted" || type === "reset") submissions.arrived();
    if (type !== "form.submitted") {
      call("GET", `/v1/forms/${id}`).then((fresh) => { form = { ...form, ...fresh, revision: form.revision > fresh.revision ? form.revision : fresh.revision }; describe(); }, () => {});
      if (type === "form.published") versions.load();
    }
  }, { since: null });
  const stop = () => { stopFollowing(); builder?.stop(); };
  window.addEventListener("hashchange", function away() {
    if (location.hash.startsWith(`#/forms/${id}`)) return;
    window.removeEventListener("hashchange", away);
    stop();
    if (shown?.root === root) shown = null;
  });
  shown = { id, root, open, stop };
  show(root);
  open(tab);
}

/** The value of an answer, as a table shows it (a choice by its label, when `labels` has it). */
function text(value, labels = new Map()) {
  if (value === undefined || value === null) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.map((item) => (item && typeof item === "object" ? `(${text(item)})` : text(item, labels))).join(", ");
  if (typeof value === "object") return Object.entries(value).map(([key, item]) => `${key}: ${text(item, labels)}`).join("; ");
  return labels.get(String(value)) ?? String(value);
}

/** A definition's fields in reading order (panels looked through; a repeating group is one field). */
function columnsOf(definition) {
  const fields = [];
  const walk = (elements) => (elements || []).forEach((element) => {
    if (element?.type === "panel") return walk(element.elements);
    if (!element?.key || ["heading", "paragraph"].includes(element.type)) return;
    const labels = new Map((Array.isArray(element.options) ? element.options : []).map((option) => (option !== null && typeof option === "object"
      ? [String(option.value), String(option.label ?? option.value)] : [String(option), String(option)])));
    fields.push({ key: element.key, label: element.label || element.key, labels });
  });
  (definition?.pages || []).forEach((page) => walk(page.elements));
  return fields;
}

/** The submissions: oldest first, a page at a time; new ones arrive live. */
function submissionsTab(form) {
  const filter = h("input", { id: "submission-filter", type: "search", autocomplete: "off", placeholder: "Any answer's text" });
  const head = h("thead", {});
  const rows = h("tbody", {});
  const note = h("p", { class: "muted", id: "submissions-note", role: "status" });
  const problem = h("p", { class: "error", role: "alert" });
  const more = h("button", { type: "button", class: "secondary", id: "more-submissions", hidden: true }, "More");
  const exportButton = h("button", { type: "button", class: "secondary", id: "export-csv" }, "Export CSV");
  let columns = [], cursor = null, last = null, loaded = false, reading = Promise.resolve();

  async function columnsNow() {
    const current = form();
    if (!current.publishedVersion) return columnsOf(current.definition);
    const { items } = await call("GET", `/v1/forms/${current.id}/versions`);
    return columnsOf(items.find((version) => version.version === current.publishedVersion)?.definition ?? current.definition);
  }
  function row(submission) {
    const answers = submission.answers || {};
    const haystack = [submission.id, ...Object.values(answers).map((value) => text(value)),
      ...columns.map((column) => text(answers[column.key], column.labels))].join(" ").toLowerCase();
    const tr = h("tr", { "data-id": submission.id, "data-text": haystack },
      h("td", {}, h("button", { type: "button", class: "link", "data-id": submission.id, onclick: () => view(submission) }, when(submission.createdAt))),
      h("td", { class: "number" }, String(submission.version)),
      columns.map((column) => h("td", {}, text(answers[column.key], column.labels))));
    tr.hidden = !matches(tr);
    return tr;
  }
  const matches = (tr) => !filter.value.trim() || tr.dataset.text.includes(filter.value.trim().toLowerCase());
  function view(submission) {
    modal("submission-dialog", `Submission of ${when(submission.createdAt)}`,
      h("dl", { class: "facts" }, h("dt", {}, "ID"), h("dd", {}, submission.id), h("dt", {}, "Version"), h("dd", {}, String(submission.version)),
        submission.respondentId ? [h("dt", {}, "Respondent"), h("dd", {}, submission.respondentId)] : null,
        [...columns.map((column) => column.key), ...Object.keys(submission.answers || {}).filter((key) => !columns.some((column) => column.key === key))]
          .map((key) => [h("dt", {}, columns.find((column) => column.key === key)?.label || key),
            h("dd", { "data-key": key }, typeof submission.answers?.[key] === "object" && submission.answers[key] !== null
              ? h("pre", {}, JSON.stringify(submission.answers[key], null, 2)) : text(submission.answers?.[key], columns.find((column) => column.key === key)?.labels) || "–")])));
  }
  /** Reads a page after `after` (none: the first), one read at a time. */
  function read(after) {
    reading = reading.then(async () => {
      try {
        const page = await call("GET", `/v1/forms/${form().id}/submissions?limit=50${after ? `&cursor=${encodeURIComponent(after)}` : ""}`);
        problem.textContent = "";
        if (!after) rows.replaceChildren();
        rows.append(...page.items.map(row));
        if (page.items.length) last = page.items.at(-1).id;
        cursor = page.nextCursor;
        more.hidden = !cursor;
        count();
        return page.items.length;
      } catch (error) {
        problem.textContent = error.message;
        return 0;
      }
    });
    return reading;
  }
  function count() {
    const all = rows.querySelectorAll("tr[data-id]").length, visible = rows.querySelectorAll("tr[data-id]:not([hidden])").length;
    note.textContent = !all ? "No submissions yet." : filter.value.trim() ? `${visible} of ${all} shown match.` : `${all} shown, oldest first.`;
  }
  async function load() {
    try { columns = await columnsNow(); } catch (error) { problem.textContent = error.message; }
    head.replaceChildren(h("tr", {}, h("th", { scope: "col" }, "Submitted"), h("th", { scope: "col", class: "number" }, "Version"),
      columns.map((column) => h("th", { scope: "col", "data-key": column.key }, column.label))));
    loaded = true;
    last = null;
    await read(null);
  }
  filter.addEventListener("input", () => { for (const tr of rows.querySelectorAll("tr[data-id]")) tr.hidden = !matches(tr); count(); });
  more.addEventListener("click", () => read(cursor));
  exportButton.addEventListener("click", async () => {
    problem.textContent = "";
    try {
      const response = await fetchWithSession("GET", `/v1/forms/${form().id}/submissions?format=csv`, { Accept: "text/csv" });
      if (!response.ok) throw new Error(`The export was refused (${response.status}).`);
      const link = h("a", { href: URL.createObjectURL(await response.blob()), download: `${form().name.replace(/[^\w.-]+/g, "-")}.csv`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    } catch (error) {
      problem.textContent = error.message;
    }
  });
  const element = h("div", { class: "card scroll" },
    h("div", { class: "row filters" }, h("label", { for: "submission-filter" }, "Filter"), h("span", { class: "grow" }, filter), exportButton),
    problem, note, h("table", { id: "submissions" }, head, rows), more);
  return {
    element, load,
    /** A submission arrived: read what follows the last one shown (when the last page is shown). */
    arrived: () => { if (loaded && !cursor) read(last).then((added) => { if (added) note.textContent += " A new submission arrived."; }); },
  };
}

/** Public links: each a name, optional expiry and response limit; its address is shown once. */
function linksTab(formId, mayEdit) {
  const rows = h("tbody", {});
  const problem = h("p", { class: "error", role: "alert", id: "links-problem" });
  const made = h("div", { id: "link-made", role: "status" });
  const name = h("input", { id: "link-name", autocomplete: "off", placeholder: "Website" });
  const expires = h("input", { id: "link-expires", type: "datetime-local" });
  const limit = h("input", { id: "link-max", type: "number", min: "1", step: "1" });
  const states = { open: "Open", revoked: "Revoked", expired: "Expired", full: "Full" };
  async function load() {
    try {
      const { items } = await call("GET", `/v1/forms/${formId}/links`);
      rows.replaceChildren(...items.map((link) => h("tr", { "data-id": link.id },
        h("td", {}, link.name), h("td", {}, h("span", { class: `state ${link.state === "open" ? "ready" : "failed"}` }, states[link.state] || link.state)),
        h("td", { class: "number" }, `${link.responses}${link.maxResponses ? ` / ${link.maxResponses}` : ""}`),
        h("td", {}, link.expiresAt ? when(link.expiresAt) : "Never"), h("td", {}, when(link.createdAt)),
        h("td", {}, mayEdit && link.state === "open" ? h("button", { type: "button", class: "link", onclick: () => revoke(link) }, `Revoke ${link.name}`) : null))));
      if (!items.length) rows.append(h("tr", {}, h("td", { colspan: "6", class: "muted" }, "No links yet.")));
    } catch (error) {
      problem.textContent = error.message;
    }
  }
  async function revoke(link) {
    if (!confirm(`Revoke ${link.name}? Its address stops working.`)) return;
    await call("DELETE", `/v1/forms/${formId}/links/${link.id}`).then(load, (error) => { problem.textContent = error.message; });
  }
  const form = h("form", { class: "form-grid", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    problem.textContent = "";
    const body = { name: name.value.trim() };
    if (expires.value) body.expiresAt = new Date(expires.value).toISOString().replace(/\.\d+Z$/, "Z");
    if (limit.value) body.maxResponses = Number(limit.value);
    try {
      const answer = await call("POST", `/v1/forms/${formId}/links`, body);
      const url = new URL(answer.url, location.origin).href;
      const address = h("input", { id: "link-url", readonly: true, value: url, "aria-label": "The link's address" });
      const copied = h("span", { class: "muted", role: "status" });
      made.replaceChildren(h("p", {}, `The address of ${answer.link.name}, shown only now:`),
        h("div", { class: "row" }, h("span", { class: "grow" }, address), h("button", { type: "button", class: "secondary", id: "copy-link", onclick: async () => {
          try { await navigator.clipboard.writeText(url); } catch { address.select(); document.execCommand?.("copy"); }
          copied.textContent = "Copied.";
        } }, "Copy"), copied), h("p", {}, h("a", { href: url, target: "_blank", rel: "noopener", id: "link-open" }, "Open it")));
      name.value = expires.value = limit.value = "";
      await load();
    } catch (error) {
      problem.textContent = [error.message, ...(error.body?.errors || []).map((entry) => entry.message)].join(" ");
    }
  } },
  h("div", {}, h("label", { for: "link-name" }, "Name"), name),
  h("div", {}, h("label", { for: "link-expires" }, "Expires (optional)"), expires),
  h("div", {}, h("label", { for: "link-max" }, "Most responses (optional)"), limit),
  h("div", { class: "fb-submit" }, h("button", { type: "submit", id: "create-link" }, "Make link")));
  const element = h("div", { class: "card scroll" }, h("h2", {}, "Public links"),
    h("p", { class: "muted" }, "Anyone with a link's address answers the published version, without signing in."),
    mayEdit ? form : null, made, problem,
    h("table", { id: "links" }, h("thead", {}, h("tr", {}, ["Name", "State", "Responses", "Expires", "Made", ""].map((text) =>
      h("th", { scope: "col", class: text === "Responses" ? "number" : null }, text)))), rows));
  return { element, load };
}

/** The published versions, newest first, each with what it changed since the one before. */
function versionsTab(formId) {
  const list = h("ol", { class: "projects", id: "versions" });
  const problem = h("p", { class: "error", role: "alert" });
  const flat = (definition) => {
    const fields = new Map();
    const walk = (elements) => (elements || []).forEach((element) => {
      if (element?.key) fields.set(element.key, JSON.stringify({ ...element, elements: undefined }));
      walk(element?.elements);
    });
    (definition?.pages || []).forEach((page) => walk(page.elements));
    return fields;
  };
  async function load() {
    try {
      const { items } = await call("GET", `/v1/forms/${formId}/versions`);
      list.replaceChildren(...items.map((version, index) => {
        const now = flat(version.definition), before = flat(items[index + 1]?.definition);
        const added = [...now.keys()].filter((key) => !before.has(key)), removed = [...before.keys()].filter((key) => !now.has(key));
        const changed = [...now.keys()].filter((key) => before.has(key) && before.get(key) !== now.get(key));
        const words = index === items.length - 1 ? `${now.size} elements` : [added.length && `added ${added.join(", ")}`,
          removed.length && `removed ${removed.join(", ")}`, changed.length && `changed ${changed.join(", ")}`].filter(Boolean).join("; ") || "no field changed";
        return h("li", { "data-version": String(version.version) }, h("strong", {}, `Version ${version.version}`),
          h("span", { class: "grow muted" }, ` — ${words}`), h("span", {}, when(version.publishedAt)));
      }));
      if (!items.length) list.append(h("li", { class: "muted" }, "Not published yet: publish from Build."));
    } catch (error) {
      problem.textContent = error.message;
    }
  }
  return { element: h("div", { class: "card" }, h("h2", {}, "Versions"), problem, list), load };
}
