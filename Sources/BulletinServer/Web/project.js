// A project's page: its report (in a frame), the versions, downloads, and regenerating with
// live progress.
import { call, ticket } from "/ui/api.js";
import { h, show, stillOn } from "/ui/dom.js";
import { isActive, runPanel } from "/ui/run.js";
import { scheduleSection } from "/ui/schedule.js";

export async function projectPage(id, mayEdit) {
  const current = stillOn();
  let project;
  try {
    project = await call("GET", `/v1/projects/${id}`);
  } catch (problem) {
    if (current()) show(h("h1", {}, "Project"), h("p", { class: "error", role: "alert" }, problem.message));
    return;
  }
  if (!current()) return;
  const versions = h("select", { id: "version", "aria-label": "Report version" });
  const frame = h("iframe", { class: "report", title: "Report" });
  const downloads = h("span", { class: "row" });
  const regenerate = h("button", { type: "button", id: "regenerate", hidden: !mayEdit }, "Regenerate");
  const refusal = h("p", { class: "error", role: "alert" });
  const panel = runPanel({
    mayAct: mayEdit,
    onReady: () => loadVersions(),
    onChange: (run) => { regenerate.disabled = isActive(run); },
  });
  panel.actions.append(regenerate);

  async function showVersion(reportId) {
    const path = `/v1/projects/${id}/reports/${reportId}`;
    frame.src = `${path}?format=html&ticket=${encodeURIComponent(await ticket())}`;
    const button = (label, format, template) => h("button", {
      type: "button", class: "secondary",
      onclick: () => download(path, format, template).catch((error) => { refusal.textContent = error.message; }) }, label);
    downloads.replaceChildren(
      ...Object.entries(formats).map(([format, name]) => button(`Download ${name}`, format)),
      ...(await wordTemplates()).map((template) => button(`Word: ${template.name}`, "docx", template.id)));
  }

  // The workspace's Word templates, read once per page; without them, only the standard files.
  let templates = null;
  async function wordTemplates() {
    templates ??= call("GET", "/v1/report-templates").then((list) => list.items, () => []);
    return templates;
  }

  async function loadVersions() {
    let list;
    try {
      list = await call("GET", `/v1/projects/${id}/reports`);
    } catch (error) {
      refusal.textContent = error.message;
      return;
    }
    versions.replaceChildren(...list.items.map((report) =>
      h("option", { value: report.id }, `Version ${report.version} — ${new Date(report.createdAt).toLocaleString()}`)));
    versions.hidden = list.items.length === 0;
    if (list.items.length) await showVersion(list.items[0].id);
  }

  versions.addEventListener("change", () => showVersion(versions.value));
  regenerate.addEventListener("click", async () => {
    regenerate.disabled = true;
    refusal.textContent = "";
    try {
      panel.watch(await call("POST", `/v1/projects/${id}/reports`, {}));
    } catch (error) {
      panel.watch(panel.current());
      refusal.textContent = error.message;
    }
  });
  window.addEventListener("hashchange", () => panel.stop(), { once: true });

  show(h("h1", {}, project.name),
    h("p", { class: "muted" }, project.description || `${project.subject.name} compared with ${project.peers.map((peer) => peer.name).join(", ")}.`),
    scheduleSection(project, mayEdit),
    panel.element, refusal,
    h("div", { class: "row" }, versions, downloads),
    frame);
  panel.watch(project.latestRun);
  await loadVersions();
}

/** The formats a report downloads as, and their names on the buttons. */
const formats = { pdf: "PDF", docx: "Word", tex: "LaTeX", markdown: "Markdown", html: "HTML", json: "JSON" };

/** Saves one format of a report, a DOCX filling `template` when given; a refusal is thrown, never saved as the file. */
async function download(path, format, template) {
  const filled = template ? `&template=${encodeURIComponent(template)}` : "";
  const response = await fetch(`${path}?format=${format}${filled}&ticket=${encodeURIComponent(await ticket())}`);
  if (!response.ok) throw new Error(`The report could not be downloaded (${response.status}).`);
  // Documents name themselves (project and date); the others are saved as report.<extension>.
  const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  const name = named ? named[1] : `report.${format === "markdown" ? "md" : format}`;
  const link = h("a", { href: URL.createObjectURL(await response.blob()), download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}
