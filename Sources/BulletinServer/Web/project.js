// A project's page: its report (in a frame), the versions, downloads, and regenerating with
// live progress.
import { call, follow, ticket } from "/ui/api.js";
import { h, show, stateNames } from "/ui/dom.js";

const runEvents = ["run.queued", "run.progress", "run.ready", "run.failed", "run.cancelled"];

export async function projectPage(id) {
  let project;
  try {
    project = await call("GET", `/v1/projects/${id}`);
  } catch (problem) {
    return show(h("h1", {}, "Project"), h("p", { class: "error", role: "alert" }, problem.message));
  }
  const versions = h("select", { id: "version", "aria-label": "Report version" });
  const frame = h("iframe", { class: "report", title: "Report" });
  const downloads = h("span", { class: "row" });
  const stage = h("strong", { id: "run-state" });
  const bar = h("progress", { id: "run-progress", max: "1", value: "0" });
  const message = h("span", { id: "run-message", class: "muted" });
  const problem = h("p", { class: "error", role: "alert" });
  const regenerate = h("button", { type: "button", id: "regenerate" }, "Regenerate");
  let stop = null;

  function draw(run) {
    stage.textContent = run ? stateNames[run.state] : "No report yet";
    bar.value = run?.progress ?? 0;
    message.textContent = run?.message || "";
    problem.textContent = run?.state === "failed" ? run.problem?.detail || "" : "";
    regenerate.disabled = Boolean(run && !["ready", "failed", "cancelled"].includes(run.state));
  }

  async function showVersion(reportId) {
    const path = `/v1/projects/${id}/reports/${reportId}`;
    frame.src = `${path}?format=html&ticket=${encodeURIComponent(await ticket())}`;
    downloads.replaceChildren(...["markdown", "json", "html"].map((format) => h("button", {
      type: "button", class: "secondary", onclick: () => download(path, format) }, `Download ${format}`)));
  }

  async function loadVersions() {
    const list = await call("GET", `/v1/projects/${id}/reports`);
    versions.replaceChildren(...list.items.map((report) =>
      h("option", { value: report.id }, `Version ${report.version} — ${new Date(report.createdAt).toLocaleString()}`)));
    versions.hidden = list.items.length === 0;
    if (list.items.length) await showVersion(list.items[0].id);
  }

  function watch(run) {
    draw(run);
    stop?.();
    if (!run || !["queued", "collecting", "analysing", "writing", "rendering"].includes(run.state)) return;
    stop = follow([`run:${run.id}`], runEvents, async (type, event) => {
      const payload = event.payload;
      draw({ ...payload, id: payload.runId, problem: payload.problem });
      if (type === "run.ready") { stop?.(); await loadVersions(); }
      if (type === "run.failed" || type === "run.cancelled") stop?.();
    });
  }

  versions.addEventListener("change", () => showVersion(versions.value));
  regenerate.addEventListener("click", async () => {
    regenerate.disabled = true;
    try {
      watch(await call("POST", `/v1/projects/${id}/reports`));
    } catch (error) {
      problem.textContent = error.message;
      regenerate.disabled = false;
    }
  });
  window.addEventListener("hashchange", () => stop?.(), { once: true });

  show(h("h1", {}, project.name),
    h("p", { class: "muted" }, project.description || `${project.subject.name} compared with ${project.peers.map((peer) => peer.name).join(", ")}.`),
    h("div", { class: "card progress" }, h("div", { class: "row" }, stage, h("span", { class: "grow" }), regenerate), bar, message, problem),
    h("div", { class: "row" }, versions, downloads),
    frame);
  watch(project.latestRun);
  await loadVersions();
}

async function download(path, format) {
  const response = await fetch(`${path}?format=${format}&ticket=${encodeURIComponent(await ticket())}`);
  const link = h("a", { href: URL.createObjectURL(await response.blob()), download: `report.${format === "markdown" ? "md" : format}` });
  link.click();
  URL.revokeObjectURL(link.href);
}
