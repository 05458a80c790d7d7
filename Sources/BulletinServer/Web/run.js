// A report run followed live: its stage and percentage, a bar, the messages so far, whether
// the stream is connected, a cancel button while it runs, and once failed or cancelled the
// problem with a retry button. The project page and the creation wizard both show one.
import { call, follow } from "/ui/api.js";
import { h, stateNames } from "/ui/dom.js";

const runEvents = ["run.queued", "run.progress", "run.ready", "run.failed", "run.cancelled", "run.text"];
const activeStates = ["queued", "collecting", "analysing", "writing", "rendering"];

/** Whether a run is still on its way (queued or in a stage). */
export const isActive = (run) => Boolean(run && activeStates.includes(run.state));

/**
 * The panel. `onReady(run)` is called when a followed run finishes with a report;
 * `onChange(run)` after every update; `mayAct` offers cancel and retry (to editors).
 * `watch(run)` shows a run and follows it while active.
 */
export function runPanel({ onReady = () => {}, onChange = () => {}, mayAct = true } = {}) {
  const stage = h("strong", { id: "run-state" });
  const percent = h("span", { id: "run-percent", class: "muted" });
  const connection = h("span", { id: "run-connection", class: "muted", "aria-live": "polite" });
  const bar = h("progress", { id: "run-progress", max: "1", value: "0", "aria-labelledby": "run-state" });
  const log = h("ol", { id: "run-log", class: "log", "aria-label": "Progress messages" });
  const problem = h("p", { id: "run-problem", class: "error", role: "alert" });
  const writing = h("p", { id: "run-text", class: "muted" });
  const retry = h("button", { type: "button", id: "retry-run", class: "secondary", hidden: true }, "Retry");
  const cancel = h("button", { type: "button", id: "cancel-run", class: "secondary", hidden: true }, "Cancel");
  const actions = h("span", { class: "row" });
  let stop = null, run = null, lastID = "0", updates = 0, disposed = false;

  function draw(next) {
    run = next;
    stage.textContent = run ? stateNames[run.state] : "No report yet";
    percent.textContent = isActive(run) || run?.state === "ready" ? `${Math.round((run.progress ?? 0) * 100)} %` : "";
    bar.value = run?.progress ?? 0;
    const message = run?.message;
    if (message && log.lastElementChild?.textContent !== message) {
      log.append(h("li", {}, message));
      log.scrollTop = log.scrollHeight;
    }
    problem.textContent = run?.state === "failed" ? run.problem?.detail || "The run failed." : "";
    retry.hidden = !mayAct || !(run && ["failed", "cancelled"].includes(run.state));
    cancel.hidden = !mayAct || !isActive(run);
    if (!isActive(run)) connection.textContent = "";
    if (run?.state !== "writing") writing.textContent = "";
    onChange(run);
  }

  /** After a stream event or a refetch: stops following a run that ended, opens a ready one. */
  function settle() {
    if (isActive(run)) return;
    stop?.();
    stop = null;
    if (run?.state === "ready") onReady(run);
  }

  /**
   * Reads the run again (after a `reset`, or an event that ended it); an answer overtaken by
   * a stream event is dropped.
   */
  async function refetch() {
    const asked = updates;
    try {
      const fresh = await call("GET", `/v1/runs/${run.id}`);
      if (asked !== updates || disposed) return;
      draw(fresh);
      settle();
    } catch { /* the stream carries on */ }
  }

  function watch(next) {
    if (disposed) return;
    stop?.();
    stop = null;
    if (next?.id !== run?.id) { lastID = "0"; log.replaceChildren(); }
    draw(next);
    if (!isActive(next)) return;
    stop = follow([`run:${next.id}`], runEvents, (type, event, id) => {
      lastID = id;
      if (type === "reset") return refetch();
      const payload = event.payload;
      if (type === "run.text") return void (writing.textContent = `${payload.part}: ${payload.text}`);
      updates += 1;
      draw({ ...run, ...payload, id: payload.runId });
      // An ending may be replayed from before a retry: the run itself says whether it ended.
      if (!isActive(run)) refetch();
    }, {
      since: lastID,
      onStatus: (status) => { connection.textContent = status === "live" ? "" : "Connection lost; reconnecting…"; },
    });
  }

  /** A button's call to the API; a refusal is shown as the run's problem. */
  function act(button, request) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        watch(await request());
      } catch (error) {
        problem.textContent = error.message;
      } finally {
        button.disabled = false;
      }
    });
  }
  act(retry, () => call("POST", `/v1/runs/${run.id}/retry`, {}));
  act(cancel, () => call("POST", `/v1/runs/${run.id}/cancel`, {}));

  const element = h("div", { class: "card progress", id: "run" },
    h("div", { class: "row" }, stage, percent, h("span", { class: "grow" }, connection), cancel, retry, actions),
    bar, log, writing, problem);
  /** Stops following for good (the page is left). */
  function dispose() {
    disposed = true;
    stop?.();
    stop = null;
  }
  return { element, actions, watch, stop: dispose, current: () => run };
}
