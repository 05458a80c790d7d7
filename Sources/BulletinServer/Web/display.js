// The shop screen's board (/display#TOKEN): a display link's token reads the board and its
// figures and nothing else. It is read every 5 seconds (304 when unchanged); a refused token
// says so and stops asking.
import { columnView, longDate, statsTiles, ticket } from "/ui/cards.js";
import { h, show } from "/ui/dom.js";

/** Shows the board the token in the address's fragment reads (`?date=` picks another day). */
export function displayPage() {
  const token = decodeURIComponent(location.hash.slice(1));
  const date = new URLSearchParams(location.search).get("date");
  const status = h("p", { id: "display-status", class: "muted", role: "status" });
  const heading = h("h1", { class: "grow" }, "Board");
  const figures = h("div", {}), columns = h("div", { class: "board", id: "board" });
  let etag = null;

  const refused = (message) => show(h("h1", {}, "Board"), h("p", { class: "error", role: "alert", id: "display-refused" }, message));
  if (!token) return refused("This address lacks its display link, the part after #.");

  async function load() {
    try {
      const response = await fetch(`/v1/display/board${date ? `?date=${encodeURIComponent(date)}` : ""}`,
        { headers: { "X-Display-Token": token, ...(etag ? { "If-None-Match": etag } : {}) }, credentials: "omit" });
      if (response.status === 401) return refused("This display link is not valid or was revoked. Ask an admin for a new one.");
      if (response.status !== 304) {
        if (!response.ok) throw new Error();
        const { board, stats } = await response.json();
        etag = response.headers.get("ETag");
        heading.textContent = longDate(board.date);
        figures.replaceChildren(statsTiles(stats));
        columns.replaceChildren(...board.columns.map((column) => columnView(column, column.cards.map((card) => ticket(card, board.timeZone)))));
      }
      status.textContent = "";
    } catch {
      status.textContent = "The board cannot be read just now; trying again.";
    }
    setTimeout(load, 5000);
  }

  show(h("div", { class: "row heading" }, heading, status), figures, columns);
  load();
}

displayPage();
