// Small helpers for building the views' DOM without innerHTML, so no text is ever markup.

/** An element with attributes (`on…` ones as listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) element.append(child);
  }
  return element;
}

/** Replaces the main view and moves focus to it, for keyboard and screen-reader users. */
export function show(...children) {
  const view = document.getElementById("view");
  view.replaceChildren(...children);
  view.focus();
}

/**
 * Whether the address is still the one a page was opened for: a page that waited for the API
 * must not replace the one the user moved on to.
 */
export function stillOn() {
  const hash = location.hash;
  return () => location.hash === hash;
}

/** The words a run's state is shown with. */
export const stateNames = {
  queued: "Queued", collecting: "Collecting", analysing: "Analysing", writing: "Writing",
  rendering: "Rendering", ready: "Ready", failed: "Failed", cancelled: "Cancelled",
};

/** A modal dialog (`dialog#id`) around `content`, open; removed once closed, the focus back on its opener. */
export function modal(id, title, ...content) {
  // An opener redrawn meanwhile (a board's card) gives the focus to its new self.
  const opener = document.activeElement?.closest("[data-id]");
  const close = () => {
    dialog.remove();
    if (opener && !opener.isConnected) document.querySelector(`[data-id="${opener.dataset.id}"]`)?.focus();
  };
  const dialog = h("dialog", { id, class: "card", "aria-labelledby": `${id}-title`, onclose: close },
    h("div", { class: "row heading" }, h("h2", { id: `${id}-title`, class: "grow" }, title),
      h("button", { type: "button", class: "link", onclick: () => dialog.close() }, "Close")),
    content);
  document.getElementById("view").append(dialog);
  dialog.showModal();
  dialog.querySelector("form input, form select, form textarea")?.focus();
  return dialog;
}
