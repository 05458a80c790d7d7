// The public answering page of a form (/respond#TOKEN): the form link's token, kept in the
// address's fragment (which browsers never send), reads the form and answers it through
// /v1/public/form with `X-Form-Token` and no other credentials. "Save and continue later"
// stores the answers on the server; the resume token it answers is kept in this browser's
// localStorage under a key derived from the form token, so opening the same link here again
// goes on where the respondent stopped. A closed link (revoked, expired, or full) says so.
import { h, show } from "/ui/dom.js";
import { renderForm } from "/ui/form-render.js";

const token = decodeURIComponent(location.hash.slice(1));

/** A refusal from the public API, with the problem document's words. */
class Refusal extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `The server answered ${status}.`);
    this.status = status;
    this.body = body || {};
  }
}

/** Calls the public API with the form token (and the resume token, when given); JSON both ways. */
async function request(method, path, body, resume) {
  const headers = {
    Accept: "application/json", "X-Form-Token": token,
    ...(resume ? { "X-Resume-Token": resume } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
  };
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit", cache: "no-store" });
  } catch {
    throw new Refusal(0, { detail: "The server could not be reached; check the connection and try again." });
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: the status speaks */ }
  if (!response.ok) throw new Refusal(response.status, data);
  return data;
}

// The resume token, under a name derived from the form token (two FNV-1a hashes), so the
// browser's storage never holds the form token itself. Storage may be off: then nothing is kept.
const storageKey = (() => {
  const hash = (seed) => {
    let value = seed;
    for (const character of token) value = Math.imul(value ^ character.codePointAt(0), 0x01000193) >>> 0;
    return value.toString(36);
  };
  return `bulletin-form-resume-${hash(0x811c9dc5)}${hash(0x050c5d1f)}`;
})();
const remembered = () => { try { return localStorage.getItem(storageKey); } catch { return null; } };
const remember = (resume) => { try { localStorage.setItem(storageKey, resume); } catch { /* not kept */ } };
const forget = () => { try { localStorage.removeItem(storageKey); } catch { /* nothing kept */ } };

const when = (text) => {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
};

/** A page in place of the form: a title and why (closed, refused, thanks). */
function notice(title, id, ...paragraphs) {
  show(h("div", { class: "card respond-notice", id }, h("h1", {}, title), paragraphs.map((text) => (typeof text === "string" ? h("p", {}, text) : text))));
}

function closed(detail) {
  notice("This form is closed", "respond-closed", "It is no longer taking answers.", detail || null,
    "If you think it should be open, ask whoever sent you the link.");
}

/** The page for a refusal that ends answering; false when the caller should show it in place. */
function ended(error) {
  if (error.status === 401) {
    notice("This link does not open a form", "respond-refused", "The link is not valid, or was replaced. Ask whoever sent it for a new one.");
  } else if (error.status === 410) {
    closed(error.body.detail);
  } else {
    return false;
  }
  return true;
}

const tooMany = "Too many attempts; try again in a minute.";

async function start() {
  if (!token) return notice("Form", "respond-refused", "This address lacks its form link, the part after #. Open the whole link you were given.");
  show(h("p", { class: "muted", role: "status" }, "Loading the form…"));
  let form;
  try {
    form = await request("GET", "/v1/public/form");
  } catch (error) {
    if (ended(error)) return;
    return show(h("h1", {}, "Form"), h("p", { class: "error", role: "alert", id: "respond-problem" }, error.status === 429 ? tooMany : error.message),
      h("button", { type: "button", onclick: start }, "Try again"));
  }
  let resume = remembered(), answers = {}, restored = null;
  if (resume) {
    try {
      const progress = await request("GET", "/v1/public/form/progress", undefined, resume);
      answers = progress?.answers || {};
      restored = h("p", { class: "muted", id: "respond-restored" }, `Your answers saved ${when(progress?.savedAt) || "earlier"} are filled in.`);
    } catch (error) {
      if (error.status === 404 || error.status === 401) { forget(); resume = null; } else if (error.status === 410) return closed(error.body.detail);
      else restored = h("p", { class: "error", id: "respond-restored" }, "Your saved answers could not be read just now; reload the page to try again.");
    }
  }

  const saved = h("div", { id: "respond-saved", role: "status" });
  const failure = h("p", { class: "error", role: "alert", id: "respond-problem" });

  /** A refusal shown on the form: its field problems beside the fields, the rest below. */
  function refused(error) {
    if (ended(error)) return;
    const errors = Array.isArray(error.body.errors) ? error.body.errors : [];
    if (error.status === 422 && errors.length) {
      view.showProblems(errors.map(({ pointer = "", message }) => ({ pointer: String(pointer).replace(/^\/answers(?=\/|$)/, ""), message })));
      view.focusFirstProblem();
      return;
    }
    failure.textContent = error.status === 429 ? tooMany : error.message;
  }

  async function save(current) {
    failure.textContent = "";
    try {
      const body = await request("PUT", "/v1/public/form/progress", { answers: current }, resume);
      resume = body.resumeToken;
      remember(resume);
      saved.replaceChildren(h("div", { class: "card respond-saved" },
        h("p", {}, `Saved ${when(body.savedAt) || "just now"}. To go on later, open this link again in this browser:`),
        h("p", {}, h("a", { href: location.href, id: "respond-resume-link", class: "resume-link" }, location.href)),
        h("p", { class: "muted" }, "Your answers stay on the server; this browser remembers where you were.")));
    } catch (error) {
      // Saved answers that expired meanwhile: save afresh.
      if (error.status === 404 && resume) { forget(); resume = null; return save(current); }
      refused(error);
    }
  }

  async function submit(current) {
    failure.textContent = "";
    try {
      const body = await request("POST", "/v1/public/form/submissions", { answers: current }, resume);
      forget();
      notice("Thank you", "respond-thanks", `Your answers to ${form.name} were received${body?.createdAt ? ` on ${when(body.createdAt)}` : ""}.`,
        body?.id ? h("p", { class: "muted" }, "Reference: ", h("code", {}, body.id)) : null, "You can close this page.");
    } catch (error) {
      refused(error);
    }
  }

  const view = renderForm(form.definition, { answers, onSave: save, onSubmit: submit, submitLabel: "Submit" });
  show(h("h1", {}, form.name || "Form"), restored, view.element, failure, saved);
}

// Another link pasted into this tab is another form.
window.addEventListener("hashchange", () => location.reload());
start();
