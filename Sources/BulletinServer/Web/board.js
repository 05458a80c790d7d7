// The status board (#/board, #/board/YYYY-MM-DD): the day's figures and columns, live on the
// board's topic. A move (dragged, from the keyboard or a card's menu) shows at once and is sent
// under the card's version; refused, the board is read again and the page says why.
import { call, callTagged, follow, Problem } from "/ui/api.js";
import { columnView, longDate, statsTiles, ticket } from "/ui/cards.js";
import { h, show, stillOn } from "/ui/dom.js";
import { formDialog } from "/ui/fields.js";

const events = ["appointment.created", "appointment.updated", "appointment.moved", "appointment.deleted"];

/** The date `days` after a `YYYY-MM-DD` date. */
const shifted = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);

/** How far a time zone's clocks are ahead of UTC at an instant, in milliseconds (Swedish dates are ISO's). */
const offset = (timeZone, instant) =>
  Date.parse(`${new Date(instant).toLocaleString("sv-SE", { timeZone }).replace(" ", "T")}Z`) - Math.floor(instant / 1000) * 1000;

/** A `datetime-local` value read as the time on the workspace's clocks, in RFC 3339 (UTC). */
function fromWall(wall, timeZone) {
  const guess = Date.parse(`${wall.slice(0, 16)}:00Z`);
  return new Date(guess - offset(timeZone, guess - offset(timeZone, guess))).toISOString().replace(/\.\d+Z$/, "Z");
}

/** An instant as a `datetime-local` value on the workspace's clocks. */
const toWall = (instant, timeZone) => new Date(Date.parse(instant) + offset(timeZone, Date.parse(instant))).toISOString().slice(0, 16);

/**
 * The board of `date` (`YYYY-MM-DD`; today in the workspace's time zone when not given).
 * `mayEdit` (editors) moves cards and books; `mayManage` (admins) also makes display links.
 */
export async function boardPage(date, mayEdit, mayManage) {
  const current = stillOn();
  let board, etag;
  try {
    ({ body: board, etag } = await callTagged("GET", `/v1/board${date ? `?date=${date}` : ""}`));
  } catch (error) {
    if (current()) show(h("h1", {}, "Board"), h("p", { class: "error", role: "alert" }, error.message));
    return;
  }
  if (!current()) return;
  date = board.date;

  const problem = h("p", { id: "board-problem", class: "error", role: "alert" });
  const announce = h("p", { id: "board-live", class: "muted", role: "status" });
  const connection = h("span", { id: "board-connection", class: "muted" });
  const figures = h("div", { id: "board-stats" }, statsTiles(null));
  const columns = h("div", { class: "board", id: "board" });
  const columnName = (status) => board.columns.find((column) => column.status === status)?.name ?? "Cancelled";

  /** Draws the columns; the card that had the focus keeps it. */
  function render() {
    const focused = document.activeElement?.closest?.("li.ticket")?.dataset.id;
    const actions = (card) => h("div", { class: "row actions" },
      h("select", { class: "move", "aria-label": `Column of ${card.customer.name}` },
        [...board.columns, { status: "cancelled", name: "Cancelled" }].map(({ status, name }) =>
          h("option", { value: status, selected: status === card.status }, name))),
      h("button", { type: "button", class: "link", "data-action": "edit" }, "Edit"));
    columns.replaceChildren(...board.columns.map((column) => columnView(column, column.cards.map((card) => ticket(card, board.timeZone,
      { tabindex: "0", draggable: mayEdit && "true", "aria-describedby": mayEdit && "board-hint" }, mayEdit ? actions(card) : null)))));
    if (focused) columns.querySelector(`li[data-id="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  // One read at a time, and none while a move is on its way or a card dragged (it would put the
  // card back): asked for meanwhile, it is done once they end.
  let wanted = false, loading = false, pending = 0, dragging = null, counted = false;
  function refresh() {
    wanted = true;
    if (loading || pending || dragging) return;
    wanted = false;
    loading = true;
    load().finally(() => {
      loading = false;
      if (wanted) refresh();
    });
  }

  /** Reads the board (a 304 leaves it as it is) and, when it changed, the figures. */
  async function load() {
    try {
      const answer = await callTagged("GET", `/v1/board?date=${date}`, undefined, etag ? { "If-None-Match": etag } : {});
      if (answer.status === 304 && counted) return;
      if (answer.status !== 304) {
        if (pending || dragging) { wanted = true; return; }
        board = answer.body;
        etag = answer.etag;
        render();
      }
      figures.replaceChildren(statsTiles(await call("GET", `/v1/board/stats?date=${date}`)));
      counted = true;
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  /** Why a move was refused, in words. */
  function explain(error) {
    const { type = "", current: now, wipLimit, column } = error.body || {};
    if (now && type.endsWith("appointment-version-conflict")) return `Someone else moved or changed this card: it is now in ${columnName(now.status)}.`;
    if (type.endsWith("wip-limit-reached")) return `${columnName(column)} holds at most ${wipLimit} card${wipLimit === 1 ? "" : "s"}.`;
    return error.message;
  }

  // Moves go one after another, each with the version the previous one answered; a refusal drops
  // those waiting, and the board is read again.
  let queue = Promise.resolve(), generation = 0;
  function send(card, status) {
    const mine = generation;
    const afterId = card.previousElementSibling?.dataset.id, beforeId = card.nextElementSibling?.dataset.id;
    const name = card.querySelector(".customer").textContent;
    pending += 1;
    queue = queue.then(async () => {
      if (mine !== generation) return;
      try {
        const moved = await call("POST", `/v1/appointments/${card.dataset.id}/move`, { status, beforeId, afterId },
          { "If-Match": `"${card.dataset.version}"` });
        card.dataset.version = moved.version;
        Object.assign(cardOf(moved.id) || {}, moved);
        problem.textContent = "";
        const list = card.parentElement;
        announce.textContent = list
          ? `${name} is in ${columnName(status)}, ${[...list.children].indexOf(card) + 1} of ${list.children.length}.`
          : `${name}'s appointment is cancelled.`;
      } catch (error) {
        generation += 1;
        etag = null;
        problem.textContent = explain(error);
      }
    }).finally(() => {
      pending -= 1;
      if (!pending) refresh();
    });
  }

  /** Puts a card before `before` in a column's list (none: cancelled) and sends the move. */
  function place(card, list, before, focus = card) {
    const [from, next] = [card.parentElement, card.nextSibling];
    if (list) list.insertBefore(card, before); else card.remove();
    if (card.parentElement === from && card.nextSibling === next) return;
    const status = list ? list.closest("section").dataset.status : "cancelled";
    card.dataset.status = status;
    card.querySelector("select").value = status;
    if (list) {
      focus.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
    send(card, status);
  }

  const cardOf = (id) => board.columns.flatMap((column) => column.cards).find((card) => card.id === id);

  if (mayEdit) {
    columns.addEventListener("keydown", (event) => {
      const card = event.target;
      if (!card.matches("li.ticket")) return;
      if (event.key === "Enter") return edit(cardOf(card.dataset.id));
      if (!event.shiftKey || !event.key.startsWith("Arrow")) return;
      event.preventDefault();
      // Left and right keep the card's row (or the column's end); up and down swap it with its neighbour.
      const lists = [...columns.querySelectorAll("ol")], list = card.parentElement, { previousElementSibling: above } = card;
      const side = lists[lists.indexOf(list) + ({ ArrowLeft: -1, ArrowRight: 1 }[event.key] || NaN)];
      if (side) place(card, side, side.children[[...list.children].indexOf(card)] || null);
      if (event.key === "ArrowUp" && above) place(card, list, above);
      if (event.key === "ArrowDown") place(card, list, card.nextElementSibling?.nextElementSibling ?? null);
    });
    columns.addEventListener("change", ({ target }) =>
      place(target.closest("li"), columns.querySelector(`[data-status="${target.value}"] ol`), null, target));
    columns.addEventListener("click", ({ target }) => target.matches("[data-action=edit]") && edit(cardOf(target.closest("li").dataset.id)));

    // A dragged card follows the pointer; dropped, it is sent; let go elsewhere, it goes back.
    let origin = null;
    columns.addEventListener("dragstart", (event) => {
      const card = event.target.closest?.("li.ticket");
      if (!card) return;
      dragging = card;
      origin = [card.parentElement, card.nextSibling];
      event.dataTransfer.setData("text/plain", card.dataset.id);
      card.classList.add("dragging");
    });
    columns.addEventListener("dragover", (event) => {
      const list = event.target.closest?.("section.column")?.querySelector("ol.cards");
      if (!dragging || !list) return;
      event.preventDefault();
      const before = [...list.children].find((item) => item !== dragging
        && event.clientY < item.getBoundingClientRect().top + item.offsetHeight / 2) || null;
      if (dragging.parentElement !== list || dragging.nextSibling !== before) list.insertBefore(dragging, before);
    });
    columns.addEventListener("drop", (event) => {
      if (!dragging) return;
      event.preventDefault();
      const card = dragging, [list, before] = [card.parentElement, card.nextSibling];
      // Back to where it was taken from, then placed: a drop where it started sends nothing.
      origin[0].insertBefore(card, origin[1]);
      origin = null;
      place(card, list, before);
    });
    columns.addEventListener("dragend", () => {
      if (!dragging) return;
      if (origin) origin[0].insertBefore(dragging, origin[1]);
      dragging.classList.remove("dragging");
      dragging = null;
      if (wanted) refresh();
    });
  }

  /** The form that books an appointment (none given) or changes one, under its version. */
  async function edit(appointment) {
    const services = await call("GET", "/v1/services?active=true").then((list) => list.items, (error) => { problem.textContent = error.message; });
    if (!services) return;
    const a = appointment || { services: [], location: "shop", scheduledStart: fromWall(`${date}T09:00`, board.timeZone) };
    const booked = a.services.filter((service) => !services.some((offered) => offered.code === service.code));
    const boxes = h("fieldset", { class: "services" }, h("legend", {}, "Services"),
      [...services, ...booked].map((service) => h("label", { class: "inline" },
        h("input", { type: "checkbox", value: service.code, checked: a.services.some((chosen) => chosen.code === service.code) }),
        ` ${service.code} — ${service.name}`)));
    let version = a.version;
    formDialog("appointment", appointment ? `${a.customer.name}, ${a.vehicle.plate}` : "New appointment", {
      values: { ...a, scheduledStart: toWall(a.scheduledStart, board.timeZone) },
      fields: [
        ["/customer/name", "Customer's name"], ["/customer/phone", "Phone (optional)", { type: "tel" }],
        ["/customer/email", "E-mail (optional)", { type: "email" }], ["/vehicle/make", "Make"], ["/vehicle/model", "Model"],
        ["/vehicle/year", "Year", { type: "number", min: "1900", max: "2100" }], ["/vehicle/plate", "Plate"],
        ["/scheduledStart", `Starts (${board.timeZone} time)`, { type: "datetime-local" }],
        ["/location", "Where", { tag: "select", options: [["shop", "At the shop"], ["site", "On site"]] }],
        ["/address", "Address (for work on site)"], ["/notes", "Notes (optional)", { tag: "textarea", rows: "1" }],
      ],
      extra: (slot) => [boxes, slot("/serviceCodes", boxes)],
      button: appointment ? "Save" : "Book",
      adjust: (body) => ({
        ...body, serviceCodes: [...boxes.querySelectorAll(":checked")].map((box) => box.value),
        scheduledStart: body.scheduledStart ? fromWall(body.scheduledStart, board.timeZone) : undefined,
        technicianId: a.technicianId,
      }),
      send: async (body) => {
        try {
          const saved = appointment
            ? await call("PUT", `/v1/appointments/${a.id}`, body, { "If-Match": `"${version}"` })
            : await call("POST", "/v1/appointments", body);
          announce.textContent = `${appointment ? "Saved" : "Booked"} ${saved.customer.name}${saved.day === date ? "" : ` on ${saved.day}`}.`;
          refresh();
        } catch (error) {
          if (!error.body?.type?.endsWith("appointment-version-conflict")) throw error;
          version = error.body.current.version;
          throw new Problem(409, { detail: "Someone else changed it meanwhile: save again to overwrite, or close to keep theirs." });
        }
      },
    });
  }

  /** Display links (admins): a read-only board for a shop screen, its address shown once; revocable. */
  function displayLinks() {
    const list = h("ul", { class: "projects", id: "display-links" });
    const name = h("input", { id: "display-name", autocomplete: "off", placeholder: "Workshop screen" });
    const made = h("p", { role: "status" });
    const act = (request) => async (event) => {
      event.preventDefault();
      try {
        await request();
        const links = (await call("GET", "/v1/board/display-links")).items;
        list.replaceChildren(...links.map((link) => h("li", {}, h("span", { class: "grow" }, link.name),
          h("button", { type: "button", class: "secondary", onclick: act(() => call("DELETE", `/v1/board/display-links/${link.id}`)) },
            `Revoke ${link.name}`))));
      } catch (error) {
        made.textContent = error.body?.errors?.[0]?.message || error.message;
      }
    };
    const section = h("details", { class: "card", id: "display-section", ontoggle: act(() => {}) }, h("summary", {}, "Display links"),
      h("form", { class: "row", novalidate: true, onsubmit: act(async () => {
        const url = new URL((await call("POST", "/v1/board/display-links", { name: name.value.trim() })).url, location.origin).href;
        made.replaceChildren("Open this on the shop's screen (shown only now): ", h("a", { id: "display-url", href: url }, url));
      }) }, h("label", { for: "display-name" }, "New link, for"), h("span", { class: "grow" }, name), h("button", { id: "create-display" }, "Make")),
      made, list);
    return section;
  }

  const go = (day) => { location.hash = day ? `#/board/${day}` : "#/board"; };
  const picker = h("input", { type: "date", id: "board-date", value: date, onchange: () => picker.value && go(picker.value) });
  const day = (id, text, to) => h("button", { type: "button", class: "secondary", id, onclick: () => go(to) }, text);
  const stop = follow([board.topic], events, () => refresh(), {
    since: null,
    onStatus: (status) => {
      connection.textContent = status === "live" ? "Live" : "Connection lost; reconnecting…";
      // Opened (again): what changed while it was not open is read now.
      if (status === "live") refresh();
    },
  });
  window.addEventListener("hashchange", stop, { once: true });
  render();
  show(h("div", { class: "row heading" }, h("h1", { class: "grow" }, "Board ", h("span", { class: "muted", id: "board-day" }, longDate(date))),
    connection, mayEdit ? h("button", { type: "button", id: "new-appointment", onclick: () => edit(null) }, "New appointment") : null),
  h("nav", { class: "row filters days", "aria-label": "Days" },
    day("previous-day", "← Previous day", shifted(date, -1)), day("today", "Today"), day("next-day", "Next day →", shifted(date, 1)),
    h("label", { for: "board-date", class: "inline" }, "Day"), picker),
  figures, problem, announce,
  mayEdit ? h("p", { id: "board-hint", class: "muted hint" },
    "Drag a card, or focus it and press Shift with the arrow keys, to move it; Enter opens it.") : null,
  columns,
  mayManage ? displayLinks() : null);
  await load();
}
