// Batch export on the projects page: the projects shown, in the formats ticked, as one ZIP built
// by a job whose progress is followed live; a link downloads it when ready.
import { call, follow, ticket } from "/ui/api.js";
import { h } from "/ui/dom.js";

const formats = { pdf: "PDF", docx: "Word", tex: "LaTeX" };

/** A card that exports the projects `shown()` returns (their IDs, at most 50 are sent). */
export function exportCard(shown) {
  const boxes = Object.entries(formats).map(([format, name]) =>
    h("label", { class: "inline" }, h("input", { type: "checkbox", value: format, checked: format === "pdf" }), ` ${name}`));
  const start = h("button", { type: "button", class: "secondary", id: "export" }, "Export as ZIP");
  const status = h("p", { id: "export-status", class: "muted", role: "status" });
  const link = h("p", {});
  let stop = null;

  start.addEventListener("click", async () => {
    const chosen = boxes.map((label) => label.querySelector("input")).filter((box) => box.checked).map((box) => box.value);
    const projectIds = shown().slice(0, 50);
    if (!chosen.length || !projectIds.length) {
      status.textContent = !chosen.length ? "Tick at least one format." : "No project to export.";
      return;
    }
    start.disabled = true;
    link.replaceChildren();
    try {
      const started = await call("POST", "/v1/reports/exports", { projectIds, formats: chosen });
      status.textContent = `Exporting ${projectIds.length} projects…`;
      stop?.();
      stop = follow([started.topic], ["export.progress", "export.ready", "export.failed"], (type) => {
        if (type !== "reset") refresh(started.id);
      });
      await refresh(started.id);
    } catch (problem) {
      status.textContent = problem.message;
      start.disabled = false;
    }
  });

  /** Shows the export as it is now; when it has ended, stops following it. */
  async function refresh(id) {
    const current = await call("GET", `/v1/reports/exports/${id}`);
    status.textContent = current.state === "ready" || current.state === "failed"
      ? current.message : `${current.message || "Queued…"} ${Math.round(current.progress * 100)} %`;
    if (current.state !== "ready" && current.state !== "failed") return;
    stop?.();
    stop = null;
    start.disabled = false;
    if (current.state === "ready") {
      link.replaceChildren(h("a", { id: "export-download", href: `${current.downloadUrl}?ticket=${encodeURIComponent(await ticket())}`,
        download: current.fileName }, `Download ${current.fileName}`));
    }
  }

  window.addEventListener("hashchange", () => stop?.(), { once: true });
  return h("div", { class: "card" }, h("h2", {}, "Export reports"),
    h("p", { class: "muted" }, "The latest report of each project shown, in one ZIP."),
    h("div", { class: "row" }, ...boxes, start), status, link);
}
