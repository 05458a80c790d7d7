// The projects page: the workspace's projects, newest first, with search and each one's latest run.
import { call } from "/ui/api.js";
import { h, show, stateNames } from "/ui/dom.js";

export async function projectsPage(mayCreate) {
  const search = h("input", { id: "search", type: "search", placeholder: "Name, tag or participant", autocomplete: "off" });
  const list = h("ul", { class: "projects", "aria-label": "Projects" });
  const status = h("p", { class: "muted" });
  let pending = null, asked = 0;
  /** Lists the projects matching the search; an answer overtaken by a later search is dropped. */
  async function load() {
    const query = search.value.trim() ? `?q=${encodeURIComponent(search.value.trim())}` : "";
    const sequence = ++asked;
    try {
      const page = await call("GET", `/v1/projects${query}`);
      if (sequence !== asked) return;
      list.replaceChildren(...page.items.map((project) => {
        const run = project.latestRun;
        return h("li", {},
          h("span", { class: "grow" }, h("a", { href: `#/projects/${project.id}` }, project.name),
            h("span", { class: "muted" }, ` — ${project.subject.name} and ${project.peers.length} peers`)),
          h("span", { class: `state ${run?.state || ""}` }, run ? stateNames[run.state] : "No report"));
      }));
      status.textContent = page.items.length ? "" : "No projects yet.";
    } catch (problem) {
      status.textContent = problem.message;
    }
  }
  search.addEventListener("input", () => { clearTimeout(pending); pending = setTimeout(load, 250); });
  show(h("div", { class: "row heading" }, h("h1", { class: "grow" }, "Projects"),
    mayCreate ? h("a", { class: "button", href: "#/projects/new", id: "new-project" }, "New project") : null),
    h("div", { class: "card" }, h("label", { for: "search" }, "Search"), search, status, list));
  await load();
}
