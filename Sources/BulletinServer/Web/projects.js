// The projects page: the workspace's projects, newest first, with search and each one's latest run.
import { call } from "/ui/api.js";
import { h, show, stateNames } from "/ui/dom.js";
import { exportCard } from "/ui/exports.js";

export async function projectsPage(mayCreate) {
  const search = h("input", { id: "search", type: "search", placeholder: "Name, tag or participant", autocomplete: "off" });
  const list = h("ul", { class: "projects", "aria-label": "Projects" });
  const status = h("p", { class: "muted" });
  const more = h("button", { type: "button", class: "secondary", id: "more-projects", hidden: true }, "More");
  let pending = null, asked = 0, cursor = null;
  /**
   * Lists the projects matching the search, or the next page of them; an answer overtaken by
   * a later search is dropped.
   */
  async function load(append = false) {
    const query = new URLSearchParams();
    if (search.value.trim()) query.set("q", search.value.trim());
    if (append && cursor) query.set("cursor", cursor);
    const sequence = ++asked;
    try {
      const page = await call("GET", `/v1/projects?${query}`);
      if (sequence !== asked) return;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      const rows = page.items.map((project) => {
        const run = project.latestRun;
        return h("li", {},
          h("span", { class: "grow" }, h("a", { href: `#/projects/${project.id}`, "data-id": project.id }, project.name),
            h("span", { class: "muted" }, ` — ${project.subject.name} and ${project.peers.length} peers`)),
          h("span", { class: `state ${run?.state || ""}` }, run ? stateNames[run.state] : "No report"));
      });
      if (append) list.append(...rows); else list.replaceChildren(...rows);
      status.textContent = list.children.length ? "" : search.value.trim() ? "No project matches." : "No projects yet.";
    } catch (problem) {
      status.textContent = problem.message;
    }
  }
  search.addEventListener("input", () => { clearTimeout(pending); pending = setTimeout(() => load(), 250); });
  more.addEventListener("click", () => load(true));
  show(h("div", { class: "row heading" }, h("h1", { class: "grow" }, "Projects"),
    mayCreate ? h("a", { class: "button", href: "#/projects/new", id: "new-project" }, "New project") : null),
    h("div", { class: "card" }, h("label", { for: "search" }, "Search"), search, status, list, more),
    exportCard(() => [...list.querySelectorAll("a[data-id]")].map((link) => link.dataset.id)));
  await load();
}
