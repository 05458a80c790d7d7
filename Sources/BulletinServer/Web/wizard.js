// The creation wizard (#/projects/new): basics → subject → peers → review. The draft is
// checked against the server's own rules as the user types (POST /v1/projects/validation);
// moving back and forth keeps every input. On creation the same page follows the report run
// live, and opens the report when it is ready.
import { call, Problem } from "/ui/api.js";
import { h, show } from "/ui/dom.js";
import { FieldSet, under } from "/ui/fields.js";
import { runPanel } from "/ui/run.js";

const steps = [
  { title: "Basics", prefixes: ["/name", "/description", "/tags", "/schedule"] },
  { title: "Subject", prefixes: ["/subject"] },
  { title: "Peers", prefixes: ["/peers"] },
  { title: "Review", prefixes: [""] },
];
const maximumPeers = 20, minimumPeers = 2;

const participant = () => ({ name: "", website: "", attributes: [{ key: "", value: "" }] });

/** An attribute's text as the API's value: a number, yes/no as a boolean, else text. */
function typed(text) {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (/^(yes|true)$/i.test(value)) return true;
  if (/^(no|false)$/i.test(value)) return false;
  return value;
}

const escapeKey = (key) => key.replaceAll("~", "~0").replaceAll("/", "~1");

function participantBody(state) {
  const attributes = {};
  for (const { key, value } of state.attributes) {
    if ((key.trim() || value.trim()) && !Object.hasOwn(attributes, key.trim())) attributes[key.trim()] = typed(value);
  }
  return { name: state.name, ...(state.website.trim() ? { website: state.website.trim() } : {}), attributes };
}

/** Rows that repeat an earlier row's attribute name (the body keeps the first), as errors. */
function repeatedAttributes(draft) {
  const owners = [["/subject", draft.subject], ...draft.peers.map((peer, index) => [`/peers/${index}`, peer])];
  return owners.flatMap(([prefix, owner]) => {
    const seen = new Set();
    return owner.attributes.flatMap(({ key }, index) => {
      const name = key.trim();
      if (!name || !seen.has(name)) { seen.add(name); return []; }
      return [{ pointer: `${prefix}/attributes#${index}/key`, message: `${name} is given above; give each attribute once.` }];
    });
  });
}

export function wizardPage() {
  const draft = {
    name: "", description: "", tags: "", subject: participant(), peers: [participant(), participant()],
    cron: "", timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  };
  const body = () => ({
    name: draft.name, description: draft.description,
    tags: draft.tags.split(",").map((tag) => tag.trim()).filter(Boolean),
    subject: participantBody(draft.subject), peers: draft.peers.map(participantBody),
    ...(draft.cron.trim() ? { schedule: { cron: draft.cron.trim(), timeZone: draft.timeZone.trim() } } : {}),
  });
  let checking = null, checked = 0, step = 0, submission = null, tidied = null;
  const fields = new FieldSet(() => { clearTimeout(checking); checking = setTimeout(check, 300); });

  /**
   * Asks the server about the draft; a slower, older answer never replaces a newer one. A
   * valid draft comes back as it would be stored, which the review shows.
   */
  async function check() {
    const sequence = ++checked;
    let errors = [], answer = null;
    try {
      answer = await call("POST", "/v1/projects/validation", body());
    } catch (problem) {
      if (!(problem instanceof Problem)) return false;
      errors = problem.body.errors || [{ pointer: "", message: problem.message }];
    }
    if (sequence !== checked) return false;
    const repeated = repeatedAttributes(draft);
    tidied = repeated.length ? null : answer;
    fields.update([...errors, ...repeated], resolve);
    drawStepMessages();
    return true;
  }

  /** The field answering for a pointer: an attribute's key names its row. */
  function resolve(pointer) {
    const match = pointer.match(/^(\/subject|\/peers\/(\d+))\/attributes\/(.*)$/);
    if (!match) return pointer.startsWith("/tags") ? "/tags" : pointer;
    const owner = match[2] === undefined ? draft.subject : draft.peers[Number(match[2])];
    const row = owner?.attributes.findIndex(({ key, value }) =>
      (key.trim() || value.trim()) && escapeKey(key.trim()) === match[3]);
    return row >= 0 ? `${match[1]}/attributes#${row}/key` : pointer;
  }

  // Messages that belong to a step as a whole (such as how many peers), shown when revealed.
  const stepMessages = steps.map(() => h("p", { class: "error", role: "alert" }));
  function drawStepMessages() {
    steps.forEach(({ prefixes }, index) => {
      const loose = fields.errorsUnder(prefixes).filter((error) => !fields.fields.has(error.field));
      const shown = prefixes.some((prefix) => fields.revealed.has(prefix));
      stepMessages[index].textContent = shown ? loose.map((error) => error.message).join(" ") : "";
    });
  }

  function participantEditor(state, prefix, legend, onRemove) {
    const rows = h("div", { class: "attributes" });
    const drawRows = () => {
      fields.forget(`${prefix}/attributes#`);
      rows.replaceChildren(...state.attributes.map((row, index) => h("div", { class: "attribute" },
        h("div", {}, fields.input(`${prefix}/attributes#${index}/key`, "Attribute", row, "key", { placeholder: "price" })),
        h("div", {}, fields.input(`${prefix}/attributes#${index}/value`, "Value", row, "value", { placeholder: "12.5, yes, EU" })),
        h("button", { type: "button", class: "link", "aria-label": `Remove attribute ${index + 1}`, onclick: () => {
          state.attributes.splice(index, 1);
          drawRows();
          fields.onInput();
          addAttribute.focus();
        } }, "Remove"))));
      fields.draw();
    };
    const addAttribute = h("button", { type: "button", class: "secondary", onclick: () => {
      state.attributes.push({ key: "", value: "" });
      drawRows();
      rows.lastElementChild.querySelector("input").focus();
    } }, "Add attribute");
    drawRows();
    return h("fieldset", {},
      h("legend", {}, legend, onRemove ? h("button", { type: "button", class: "link remove", onclick: onRemove }, `Remove ${legend.toLowerCase()}`) : null),
      fields.input(`${prefix}/name`, "Name", state, "name", { autocomplete: "off" }),
      fields.input(`${prefix}/website`, "Website (optional)", state, "website", { type: "url", placeholder: "https://…", autocomplete: "off" }),
      h("p", { class: "muted hint" }, "Attributes are compared across everyone: numbers are ranked; yes/no and text are listed."),
      rows, addAttribute);
  }

  const peerList = h("div", { class: "peers" });
  const addPeer = h("button", { type: "button", class: "secondary", id: "add-peer" }, "Add peer");
  function drawPeers() {
    fields.forget("/peers/");
    peerList.replaceChildren(...draft.peers.map((peer, index) => participantEditor(
      peer, `/peers/${index}`, `Peer ${index + 1}`,
      draft.peers.length > minimumPeers ? () => {
        draft.peers.splice(index, 1);
        drawPeers();
        fields.onInput();
        addPeer.focus();
      } : null)));
    addPeer.disabled = draft.peers.length >= maximumPeers;
    fields.draw();
  }
  addPeer.addEventListener("click", () => {
    draft.peers.push(participant());
    drawPeers();
    fields.onInput();
    peerList.lastElementChild.querySelector("input").focus();
  });
  drawPeers();

  const review = h("div", { class: "review", id: "review" });
  const sections = [
    [fields.input("/name", "Name", draft, "name", { autocomplete: "off" }),
      fields.input("/description", "Description (optional)", draft, "description", { multiline: true, rows: "3" }),
      fields.input("/tags", "Tags (optional, separated by commas)", draft, "tags", { autocomplete: "off" }),
      fields.input("/schedule/cron", "Regenerate on a schedule (optional, cron: 0 7 * * 1 is Mondays at 7:00)", draft, "cron",
        { autocomplete: "off" }),
      fields.input("/schedule/timeZone", "Time zone of the schedule", draft, "timeZone", { autocomplete: "off" })],
    [h("p", { class: "muted" }, "The product, company or thing the report is about."),
      participantEditor(draft.subject, "/subject", "Subject")],
    [h("p", { class: "muted" }, `The ${minimumPeers} to ${maximumPeers} it is compared with.`), peerList, addPeer],
    [review],
  ].map((children, index) => h("section", { "aria-labelledby": `step-${index}` },
    h("h2", { id: `step-${index}`, tabindex: "-1" }, `${index + 1}. ${steps[index].title}`), children, stepMessages[index]));

  const progress = h("ol", { class: "steps" }, steps.map(({ title }) => h("li", {}, title)));
  const back = h("button", { type: "button", class: "secondary", id: "back" }, "Back");
  const next = h("button", { type: "submit", id: "next" }, "Next");
  const failure = h("p", { class: "error", role: "alert", id: "create-problem" });

  function go(index) {
    step = index;
    sections.forEach((section, position) => { section.hidden = position !== step; });
    [...progress.children].forEach((item, position) => {
      if (position === step) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current");
    });
    back.hidden = step === 0;
    next.textContent = step === steps.length - 1 ? "Create project" : "Next";
    if (step === steps.length - 1) drawReview();
    (sections[step].querySelector("input, textarea") || sections[step].querySelector("h2")).focus();
  }

  function drawReview() {
    const value = tidied || body();
    const person = (item) => h("li", {}, h("strong", {}, item.name), item.website ? ` — ${item.website}` : "",
      Object.keys(item.attributes).length ? h("span", { class: "muted" }, ` (${Object.entries(item.attributes).map(([key, v]) => `${key}: ${v}`).join(", ")})`) : "");
    review.replaceChildren(h("dl", {},
      h("dt", {}, "Name"), h("dd", {}, value.name),
      value.description ? [h("dt", {}, "Description"), h("dd", {}, value.description)] : null,
      value.tags.length ? [h("dt", {}, "Tags"), h("dd", {}, value.tags.join(", "))] : null,
      value.schedule ? [h("dt", {}, "Schedule"), h("dd", {}, `${value.schedule.cron} (${value.schedule.timeZone})`)] : null,
      h("dt", {}, "Subject"), h("dd", {}, h("ul", {}, person(value.subject))),
      h("dt", {}, "Peers"), h("dd", {}, h("ul", {}, value.peers.map(person)))),
    h("p", { class: "muted" }, "Creating the project starts its first report at once."));
  }

  /** The first field of the shown step with a message, in page order. */
  const firstInvalid = () => sections[step].querySelector('[aria-invalid="true"]');

  /**
   * Goes on when the step's fields are valid; otherwise shows why, at the first field. One
   * at a time: a double click must not skip a step.
   */
  let advancing = false;
  async function advance() {
    if (advancing) return;
    advancing = true;
    next.disabled = true;
    try {
      clearTimeout(checking);
      // A check overtaken by typing is asked again; one that cannot reach the server stops here.
      let answered = false;
      for (let attempt = 0; attempt < 3 && !answered; attempt += 1) answered = await check();
      if (!answered) {
        failure.textContent = "The server could not be reached; try again.";
        return;
      }
      failure.textContent = "";
      fields.reveal(steps[step].prefixes);
      drawStepMessages();
      if (fields.errorsUnder(steps[step].prefixes).length === 0) return go(Math.min(step + 1, steps.length - 1));
      if (step === steps.length - 1) {
        const first = steps.findIndex(({ prefixes }) => fields.errorsUnder(prefixes).length > 0);
        if (first === steps.length - 1) {
          failure.textContent = fields.errors.map((error) => error.message).join(" ");
          return;
        }
        fields.reveal(steps[first].prefixes);
        drawStepMessages();
        go(first);
      }
      (firstInvalid() || sections[step].querySelector("h2")).focus();
    } finally {
      advancing = false;
      next.disabled = false;
    }
  }

  async function create() {
    if (next.disabled) return;
    const value = JSON.stringify(body());
    if (submission?.value !== value) submission = { value, key: crypto.randomUUID() };
    next.disabled = true;
    failure.textContent = "";
    try {
      const project = await call("POST", "/v1/projects", body(), { "Idempotency-Key": submission.key });
      if (document.contains(form)) following(project);
    } catch (problem) {
      next.disabled = false;
      if (problem instanceof Problem && problem.body.errors) {
        fields.update(problem.body.errors, resolve);
        const first = steps.findIndex(({ prefixes }) => fields.errorsUnder(prefixes).length > 0);
        fields.reveal(steps[Math.max(first, 0)].prefixes);
        drawStepMessages();
        go(Math.max(first, 0));
        return (firstInvalid() || sections[step].querySelector("h2")).focus();
      }
      failure.textContent = problem instanceof Problem ? problem.message : "The server could not be reached; try again.";
    }
  }

  const form = h("form", { class: "card wizard", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    if (step === steps.length - 1) create(); else advance();
  } }, sections, failure, h("div", { class: "row" }, back, h("span", { class: "grow" }), next));
  back.addEventListener("click", () => go(step - 1));

  show(h("h1", {}, "New project"), progress, form);
  go(0);
}

/** After creation: the run followed live on the same page; the report opens when ready. */
function following(project) {
  const open = h("a", { href: `#/projects/${project.id}` }, "Open the project");
  if (!project.latestRun) {
    return show(h("h1", {}, project.name), h("div", { class: "card" },
      h("p", {}, "The project is created. Reports are started from its page."), open));
  }
  const panel = runPanel({ onReady: () => { location.hash = `#/projects/${project.id}`; } });
  window.addEventListener("hashchange", () => panel.stop(), { once: true });
  show(h("h1", {}, project.name),
    h("p", { class: "muted" }, "Your report is being prepared: the pages are read, compared and written up."),
    panel.element, h("p", {}, open));
  panel.watch(project.latestRun);
}
