// How a day's board looks, on the board page and the shop screen: figures, columns, cards.
import { h } from "/ui/dom.js";

/** An amount in the services' currency, with two decimals. */
export const money = (value) => Number(value || 0).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The time of day of an instant in the workspace's time zone, as 09:30. */
export const clock = (instant, timeZone) =>
  new Date(instant).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", timeZone });

/** A `YYYY-MM-DD` date in words, as Sunday, December 6, 2026. */
export const longDate = (date) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

const figures = [
  ["jobsToday", "Jobs today"], ["onPrem", "At the shop"], ["onSite", "On site"], ["completed", "Completed"],
  ["bookedRevenue", "Booked", money], ["completedRevenue", "Earned", money],
];

/** The day's figures as tiles (`dd[data-stat=NAME]`). */
export function statsTiles(stats) {
  return h("dl", { class: "tiles stats", "aria-label": "The day's figures" }, figures.map(([name, label, format = String]) =>
    h("div", { class: "tile" }, h("dt", {}, label), h("dd", { "data-stat": name }, stats ? format(stats[name]) : "–"))));
}

/** A card (`li[data-id]`): customer, vehicle, services, start, where, total; then `extra`. */
export function ticket(card, timeZone, attributes = {}, ...extra) {
  const { customer, vehicle } = card;
  return h("li", { class: "ticket", "data-id": card.id, "data-status": card.status, "data-version": card.version, ...attributes },
    h("strong", { class: "customer" }, customer.name),
    h("p", {}, `${vehicle.make} ${vehicle.model} · `, h("span", { class: "plate" }, vehicle.plate)),
    h("p", { class: "muted codes" }, card.services.map((service) => service.code).join(" · ")),
    h("div", { class: "row" }, h("time", { datetime: card.scheduledStart }, clock(card.scheduledStart, timeZone)),
      h("span", { class: `badge ${card.location}` }, card.location === "site" ? "On site" : "Shop"),
      h("span", { class: "total" }, money(card.total))),
    extra);
}

/** A column (`section[data-status]`) with its heading and its list of cards (`ol.cards`). */
export function columnView(column, cards) {
  const full = column.wipLimit && column.count >= column.wipLimit;
  return h("section", { class: `column${full ? " full" : ""}`, "data-status": column.status, "aria-labelledby": `column-${column.status}` },
    h("h2", { id: `column-${column.status}` }, h("span", { class: "grow" }, column.name),
      h("span", { class: "count" }, column.wipLimit ? `${column.count} / ${column.wipLimit}` : String(column.count)),
      h("span", { class: "full-note" }, "full")),
    h("ol", { class: "cards", "aria-label": column.name }, cards));
}
