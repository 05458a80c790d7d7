// The catalog of services (#/services): searched as you type and filtered by category and
// whether bookable; editors add, change and delete services and import a CSV file of them.
import { call } from "/ui/api.js";
import { money } from "/ui/cards.js";
import { h, show } from "/ui/dom.js";
import { formDialog } from "/ui/fields.js";

/** The services page; `mayEdit` (editors) offers the changes and the import. */
export async function servicesPage(mayEdit) {
  const search = h("input", { id: "service-search", type: "search", placeholder: "Code, name or category", autocomplete: "off" });
  const category = h("select", { id: "service-category" }, h("option", { value: "" }, "Any category"));
  const active = h("select", { id: "service-active" }, h("option", { value: "" }, "Bookable or not"),
    h("option", { value: "true" }, "Bookable"), h("option", { value: "false" }, "Not bookable"));
  const rows = h("tbody", {});
  const problem = h("p", { class: "error", role: "alert", id: "services-problem" });
  const categories = new Set();
  let asked = 0, typing = null;

  /** Lists the services asked for; an answer overtaken by a later one is dropped. */
  async function load() {
    const query = new URLSearchParams(Object.entries({ search: search.value.trim(), category: category.value, active: active.value })
      .filter(([, value]) => value));
    const sequence = ++asked;
    try {
      const { items } = await call("GET", `/v1/services?${query}`);
      if (sequence !== asked) return;
      problem.textContent = "";
      rows.replaceChildren(...items.map((service) => h("tr", { "data-code": service.code },
        h("td", {}, h("strong", {}, service.code)), h("td", {}, service.name), h("td", {}, service.category || "–"),
        h("td", { class: "number" }, `${service.durationMinutes} min`), h("td", { class: "number" }, money(service.price)),
        h("td", {}, service.active ? "Yes" : "No"),
        mayEdit ? h("td", { class: "row" },
          h("button", { type: "button", class: "link", onclick: () => edit(service) }, `Edit ${service.code}`),
          h("button", { type: "button", class: "link", onclick: () => remove(service) }, `Delete ${service.code}`)) : null)));
      if (!items.length) rows.append(h("tr", {}, h("td", { colspan: "7", class: "muted" }, "No service matches.")));
      // The categories offered are those seen so far.
      for (const { category: name } of items) {
        if (name && !categories.has(name)) category.append(h("option", { value: name }, name));
        categories.add(name);
      }
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  async function remove(service) {
    if (!confirm(`Delete ${service.code}, ${service.name}? Appointments keep what they booked.`)) return;
    await call("DELETE", `/v1/services/${service.id}`).then(load, (error) => { problem.textContent = error.message; });
  }

  /** The form that adds a service (none given) or changes one, with its version. */
  function edit(service) {
    const bookable = h("input", { type: "checkbox", id: "service-bookable", checked: service ? service.active : true });
    formDialog("service", service ? `${service.code}, ${service.name}` : "New service", {
      values: service || {},
      fields: [
        ["/code", "Code (such as OIL001)", { autocapitalize: "characters" }], ["/name", "Name"], ["/category", "Category (optional)"],
        ["/durationMinutes", "Minutes it takes", { type: "number", min: "5", max: "1440" }],
        ["/price", "Price", { type: "number", min: "0", step: "0.01" }],
      ],
      extra: () => h("p", {}, h("label", { class: "inline" }, bookable, " Bookable (offered when booking)")),
      button: service ? "Save" : "Add",
      adjust: (body) => ({ ...body, active: bookable.checked, version: service?.version }),
      send: async (body) => {
        await call(service ? "PUT" : "POST", service ? `/v1/services/${service.id}` : "/v1/services", body);
        await load();
      },
    });
  }

  const file = h("input", { type: "file", id: "services-file", accept: ".csv,text/csv" });
  const result = h("div", { id: "import-result", role: "status" });
  const importCard = h("form", { class: "card", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    try {
      if (!file.files.length) throw new Error("Choose a CSV file first.");
      const answer = await call("POST", "/v1/services/import", file.files[0], { "Content-Type": "text/csv" });
      result.replaceChildren(h("p", {}, `${answer.created} created, ${answer.updated} updated, ${answer.problems.length} refused.`),
        answer.problems.length ? h("ul", { id: "import-problems" }, answer.problems.map((entry) =>
          h("li", {}, `Line ${entry.line}${entry.pointer ? `, ${entry.pointer.slice(1)}` : ""}: ${entry.detail}`))) : null);
      await load();
    } catch (error) {
      result.replaceChildren(h("p", { class: "error" }, error.message));
    }
  } },
  h("h2", {}, "Import from CSV"),
  h("p", { class: "muted" }, "Columns code, name, durationMinutes, price, and optionally category and active; added or updated by code."),
  h("div", { class: "row" }, h("label", { for: "services-file", class: "grow" }, "File", file), h("button", { type: "submit", id: "import-services" }, "Import")),
  result);

  search.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(load, 250); });
  category.addEventListener("change", load);
  active.addEventListener("change", load);
  const heading = ["Code", "Name", "Category", "Time", "Price", "Bookable", ...(mayEdit ? [""] : [])];
  show(h("div", { class: "row heading" }, h("h1", { class: "grow" }, "Services"),
    mayEdit ? h("button", { type: "button", id: "new-service", onclick: () => edit(null) }, "New service") : null),
  h("div", { class: "card scroll" },
    h("div", { class: "row filters" }, h("label", { for: "service-search" }, "Search"), h("span", { class: "grow" }, search),
      h("label", { for: "service-category" }, "Category"), category, h("label", { for: "service-active" }, "Shown"), active),
    problem,
    h("table", { id: "services" }, h("thead", {}, h("tr", {}, heading.map((name) =>
      h("th", { scope: "col", class: ["Time", "Price"].includes(name) ? "number" : null }, name)))), rows)),
  mayEdit ? importCard : null);
  await load();
}
