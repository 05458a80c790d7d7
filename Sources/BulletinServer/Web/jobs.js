// The jobs dashboard (#/jobs, editors read, admins act): queues with counts by state and
// throughput, refreshed every two seconds while the page is open; jobs filtered by state,
// queue and kind; a job's attempts and errors followed live on its topic; cancel, retry,
// and pausing or resuming a queue.
import { call, follow } from "/ui/api.js";
import { h, show } from "/ui/dom.js";

const states = ["available", "scheduled", "running", "retryable", "completed", "cancelled", "discarded"];
const finalStates = ["completed", "cancelled", "discarded"];
const refreshEvery = 2000;

const seconds = (value) => (value === undefined ? "–" : value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(1)} s`);
const when = (date) => (date ? new Date(date).toLocaleString() : "–");

/** Calls `tick` now and every two seconds while the page shows; stops when the page changes. */
function refreshing(tick) {
  let running = false;
  const once = async () => {
    if (running || document.hidden) return;
    running = true;
    try { await tick(); } finally { running = false; }
  };
  once();
  const timer = setInterval(once, refreshEvery);
  window.addEventListener("hashchange", () => clearInterval(timer), { once: true });
}

/** A button that runs an API call, shows a refusal in `problem`, then refreshes. */
function action(label, id, run, problem, after) {
  const button = h("button", { type: "button", class: "secondary", id }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    problem.textContent = "";
    try { await run(); } catch (error) { problem.textContent = error.message; }
    button.disabled = false;
    after();
  });
  return button;
}

/**
 * One queue's section, built once and updated in place, so that a refresh keeps the focus
 * on its button.
 */
function queueView(name, mayManage, problem, refresh) {
  const paused = h("span", { class: "state failed", hidden: true }, "paused");
  const counts = Object.fromEntries(states.map((state) => [state, h("dd", { "data-state": state })]));
  const summary = h("p", { class: "muted" });
  let current = null;
  const toggle = action("Pause", `toggle-${name}`,
    () => call("POST", `/v1/queues/${encodeURIComponent(name)}/${current.paused ? "resume" : "pause"}`, {}), problem, refresh);
  const element = h("section", { class: "queue", "data-queue": name },
    h("div", { class: "row" }, h("h3", { class: "grow" }, name, paused), mayManage ? toggle : null),
    h("dl", { class: "tiles" }, states.map((state) => h("div", { class: `tile ${state}` }, h("dt", {}, state), counts[state]))),
    summary);
  function update(queue) {
    current = queue;
    paused.hidden = !queue.paused;
    toggle.textContent = queue.paused ? "Resume" : "Pause";
    for (const state of states) counts[state].textContent = String(queue.counts[state]);
    summary.textContent = `${queue.completedLastMinute} done in the last minute, ${queue.completedLastHour} in the last hour; `
      + `${queue.failedLastHour} failed attempts in the last hour; wait p95 ${seconds(queue.waitSeconds?.p95)}, `
      + `run p95 ${seconds(queue.runSeconds?.p95)}.`;
  }
  return { element, update };
}

export async function jobsPage(mayManage) {
  const problem = h("p", { class: "error", role: "alert" });
  const queues = h("div", { id: "queues", "aria-live": "off" });
  const queueFilter = h("select", { id: "filter-queue" }, h("option", { value: "" }, "Any queue"));
  const stateFilter = h("select", { id: "filter-state" }, h("option", { value: "" }, "Any state"),
    states.map((state) => h("option", { value: state }, state)));
  const kindFilter = h("input", { id: "filter-kind", placeholder: "report.run", autocomplete: "off" });
  const jobs = h("tbody", {});
  const more = h("button", { type: "button", class: "secondary", id: "more-jobs", hidden: true }, "More");
  let cursor = null, extended = false, lastShown = null, asked = 0;

  const views = new Map();
  const noQueues = h("p", { class: "muted", hidden: true }, "No jobs yet.");
  queues.append(noQueues);
  async function loadQueues() {
    try {
      const list = await call("GET", "/v1/queues");
      const names = list.items.map((queue) => queue.name);
      for (const queue of list.items) {
        if (!views.has(queue.name)) {
          views.set(queue.name, queueView(queue.name, mayManage, problem, loadQueues));
          queues.append(views.get(queue.name).element);
        }
        views.get(queue.name).update(queue);
      }
      for (const [name, view] of views) if (!names.includes(name)) { view.element.remove(); views.delete(name); }
      noQueues.hidden = names.length > 0;
      const offered = [...queueFilter.options].slice(1).map((option) => option.value);
      if (offered.join("\n") !== names.join("\n")) {
        const chosen = queueFilter.value;
        queueFilter.replaceChildren(h("option", { value: "" }, "Any queue"),
          names.map((name) => h("option", { value: name, selected: name === chosen }, name)));
      }
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  async function loadJobs(append = false) {
    const query = new URLSearchParams({ limit: "25" });
    if (stateFilter.value) query.set("state", stateFilter.value);
    if (queueFilter.value) query.set("queue", queueFilter.value);
    if (kindFilter.value.trim()) query.set("kind", kindFilter.value.trim());
    if (append && cursor) query.set("cursor", cursor);
    const sequence = ++asked;
    try {
      const page = await call("GET", `/v1/jobs?${query}`);
      // Only the latest request shows (a refresh must not undo a filter, or drop "More").
      if (sequence !== asked) return;
      problem.textContent = "";
      // A refresh that changes nothing leaves the rows (and the focus in them) alone.
      const shown = JSON.stringify(page.items);
      if (!append && shown === lastShown) return;
      lastShown = append ? null : shown;
      const rows = page.items.map((job) => h("tr", {},
        h("td", {}, h("a", { href: `#/jobs/${job.id}` }, job.id)),
        h("td", {}, job.kind), h("td", {}, job.queue),
        h("td", {}, h("span", { class: `state ${job.state}` }, job.state)),
        h("td", { class: "number" }, `${job.attempt}/${job.maxAttempts}`),
        h("td", {}, when(job.createdAt))));
      if (append) jobs.append(...rows); else jobs.replaceChildren(...rows);
      cursor = page.nextCursor;
      extended = append;
      more.hidden = !cursor;
      if (!jobs.children.length) jobs.append(h("tr", {}, h("td", { colspan: "6", class: "muted" }, "No jobs match.")));
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  for (const filter of [queueFilter, stateFilter]) filter.addEventListener("change", () => loadJobs());
  let typing = null;
  kindFilter.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => loadJobs(), 300); });
  more.addEventListener("click", () => loadJobs(true));

  const heading = (...names) => h("thead", {}, h("tr", {}, names.map((name) =>
    h("th", { scope: "col", class: name === "Attempt" ? "number" : null }, name))));
  show(h("h1", {}, "Jobs"), problem,
    h("div", { class: "card" }, h("h2", {}, "Queues"), queues),
    h("div", { class: "card scroll" }, h("h2", {}, "Jobs"),
      h("div", { class: "row filters" },
        h("label", { for: "filter-state" }, "State"), stateFilter,
        h("label", { for: "filter-queue" }, "Queue"), queueFilter,
        h("label", { for: "filter-kind" }, "Kind"), kindFilter),
      h("table", { id: "jobs" }, heading("Job", "Kind", "Queue", "State", "Attempt", "Created"), jobs), more));
  refreshing(async () => {
    await loadQueues();
    if (!extended) await loadJobs();
  });
}

export async function jobPage(id, mayManage) {
  const problem = h("p", { class: "error", role: "alert" });
  const details = h("div", { id: "job" });
  const errors = h("tbody", {});
  const buttons = h("span", { class: "row" });
  let stop = null, left = false, asked = 0, shownState = null;

  /** Shows the job as it is now; an answer overtaken by a later one is dropped. */
  async function load() {
    const sequence = ++asked;
    let detail;
    try {
      detail = await call("GET", `/v1/jobs/${id}`);
    } catch (error) {
      problem.textContent = error.message;
      return;
    }
    if (sequence !== asked || left) return;
    const { job } = detail;
    const row = (name, value) => [h("dt", {}, name), h("dd", {}, value)];
    details.replaceChildren(h("dl", { class: "facts" },
      row("State", h("span", { class: `state ${job.state}`, id: "job-state" }, job.state)),
      row("Kind", job.kind), row("Queue", job.queue), row("Priority", String(job.priority)),
      row("Attempt", `${job.attempt} of ${job.maxAttempts}`),
      row("Progress", job.progress === undefined ? "–" : `${Math.round(job.progress * 100)} %${job.progressMessage ? ` — ${job.progressMessage}` : ""}`),
      row("Created", when(job.createdAt)), row("Scheduled", when(job.scheduledAt)),
      row("Last attempted", `${when(job.attemptedAt)}${job.attemptedBy ? ` by ${job.attemptedBy}` : ""}`),
      row("Finished", when(job.finalizedAt)), row("Enqueued by", job.enqueuedBy || "–"),
      row("Arguments", h("pre", {}, JSON.stringify(job.arguments, null, 2))),
      job.result === undefined ? null : row("Result", h("pre", {}, JSON.stringify(job.result, null, 2)))));
    errors.replaceChildren(...(detail.errors.length ? detail.errors.map((error) => h("tr", {},
      h("td", { class: "number" }, String(error.attempt)), h("td", {}, when(error.failedAt)),
      h("td", {}, error.type), h("td", {}, h("strong", {}, error.title), h("br"), error.detail)))
      : [h("tr", {}, h("td", { colspan: "4", class: "muted" }, "No attempt has failed."))]));
    // The buttons change only with the state, so a keyboard user's focus stays on them.
    if (shownState !== job.state) buttons.replaceChildren(...(!mayManage ? [] : [
      finalStates.includes(job.state) ? null : action("Cancel", "cancel-job", () => call("POST", `/v1/jobs/${id}/cancel`, {}), problem, load),
      ["discarded", "cancelled"].includes(job.state) ? action("Retry", "retry-job", () => call("POST", `/v1/jobs/${id}/retry`, {}), problem, load) : null,
    ].filter(Boolean)));
    shownState = job.state;
    if (finalStates.includes(job.state)) { stop?.(); stop = null; } else if (!stop) {
      stop = follow([`job:${id}`], [...states.map((state) => `job.${state}`), "job.progress"], () => load());
    }
  }
  window.addEventListener("hashchange", () => { left = true; stop?.(); }, { once: true });
  show(h("p", {}, h("a", { href: "#/jobs" }, "← Jobs")), h("h1", {}, `Job ${id}`), problem,
    h("div", { class: "card" }, h("div", { class: "row" }, h("span", { class: "grow" }), buttons), details),
    h("div", { class: "card scroll" }, h("h2", {}, "Failed attempts"),
      h("table", {}, h("thead", {}, h("tr", {}, ["Attempt", "When", "Type", "Error"].map((name) => h("th", { scope: "col" }, name)))), errors)));
  await load();
}
