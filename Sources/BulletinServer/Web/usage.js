// Language-model usage (#/usage, admins): a month's calls grouped by day, provider, model or
// project, as a bar chart of cost and a table, with this month's budget and what is spent.
import { call } from "/ui/api.js";
import { h, show, stillOn } from "/ui/dom.js";

const groupings = { day: "Day", provider: "Provider", model: "Model", project: "Project" };
const dollars = (micro) => `$${(micro / 1e6).toFixed(micro > 0 && micro < 10000 ? 4 : 2)}`;
const svg = (tag, attributes, text) => {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text) element.textContent = text;
  return element;
};

/** The cost of each group as horizontal bars, the largest first. */
function chart(items) {
  const largest = Math.max(...items.map((item) => item.costMicrodollars), 1);
  const figure = svg("svg", { viewBox: `0 0 640 ${items.length * 26 + 8}`, role: "img", "aria-label": "Cost per group" });
  items.forEach((item, index) => {
    const y = index * 26 + 4, width = Math.max(1, Math.round((item.costMicrodollars / largest) * 380));
    figure.append(svg("text", { x: 0, y: y + 17 }, (item.key ?? "no project").slice(0, 28)),
      svg("rect", { x: 190, y: y + 4, width, height: 16, rx: 2 }),
      svg("text", { x: 196 + width, y: y + 17 }, dollars(item.costMicrodollars)));
  });
  return figure;
}

export async function usagePage() {
  const current = stillOn();
  const month = h("input", { type: "month", id: "usage-month", value: new Date().toISOString().slice(0, 7) });
  const grouping = h("select", { id: "usage-group" },
    Object.entries(groupings).map(([value, name]) => h("option", { value }, name)));
  const budget = h("p", { id: "usage-budget" });
  const meter = h("meter", { id: "usage-meter", min: "0", max: "1", low: "0.8", high: "0.99", "aria-labelledby": "usage-budget" });
  const figure = h("figure", { class: "usage" });
  const rows = h("tbody", { id: "usage-rows" });
  const problem = h("p", { class: "error", role: "alert" });

  async function load() {
    const [year, index] = (month.value || new Date().toISOString().slice(0, 7)).split("-").map(Number);
    const from = new Date(Date.UTC(year, index - 1, 1)).toISOString(), to = new Date(Date.UTC(year, index, 1)).toISOString();
    try {
      const usage = await call("GET", `/v1/usage?groupBy=${grouping.value}&from=${from}&to=${to}`);
      if (!current()) return;
      problem.textContent = "";
      const { monthlyMicrodollars: limit, spentMicrodollars: spent } = usage.budget;
      budget.textContent = `This month: ${dollars(spent)} spent of a ${dollars(limit)} budget.`;
      meter.value = limit ? Math.min(spent / limit, 1) : 1;
      figure.replaceChildren(usage.items.length ? chart(usage.items) : h("p", { class: "muted" }, "No calls in this month."));
      rows.replaceChildren(...[...usage.items, { ...usage.total, key: "Total" }].map((item) => h("tr", {},
        h("th", { scope: "row" }, item.key ?? "no project"),
        [item.calls, item.failedCalls, item.cachedCalls, item.inputTokens, item.outputTokens].map((value) => h("td", {}, String(value))),
        h("td", {}, dollars(item.costMicrodollars)))));
    } catch (error) {
      problem.textContent = error.message;
    }
  }
  month.addEventListener("change", load);
  grouping.addEventListener("change", load);
  show(h("h1", {}, "Language-model usage"),
    h("div", { class: "card" }, budget, meter),
    h("div", { class: "row" }, h("label", { for: "usage-month" }, "Month"), month, h("label", { for: "usage-group" }, "By"), grouping),
    problem, figure,
    h("table", {}, h("thead", {}, h("tr", {}, ["", "Calls", "Failed", "Cached", "Tokens in", "Tokens out", "Cost"].map((name) =>
      h("th", { scope: "col" }, name)))), rows));
  await load();
}
