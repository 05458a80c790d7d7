// A project's report schedule on its page: what it says and when it next runs, and for editors a
// small form to set, change or remove it (the project is replaced with its version, so a change
// made meanwhile by someone else is refused rather than overwritten).
import { call, Problem } from "/ui/api.js";
import { h } from "/ui/dom.js";

/** The schedule's note, and its form when the caller may edit. */
export function scheduleSection(project, mayEdit) {
  const note = h("p", { id: "schedule", class: "muted" });
  const draw = (current) => {
    if (!current.schedule) {
      note.textContent = "No schedule: reports are made when asked for.";
      return;
    }
    const next = current.nextReportAt ? ` Next: ${new Date(current.nextReportAt).toLocaleString()}.` : "";
    note.textContent = `Regenerates on its own: “${current.schedule.cron}” (${current.schedule.timeZone}).${next}`;
  };
  draw(project);
  if (!mayEdit) return project.schedule ? note : "";

  let current = project;
  const field = (id, label, value, hint) => {
    const input = h("input", { id, value, autocomplete: "off", "aria-describedby": `${id}-message` });
    return { input, element: h("div", {}, h("label", { for: id }, label), input, h("p", { class: "muted" }, hint),
      h("p", { id: `${id}-message`, class: "error", role: "alert" })) };
  };
  const cron = field("schedule-cron", "Cron expression", project.schedule?.cron || "",
    "Minute, hour, day of month, month, day of week — such as 0 7 * * 1 for Mondays at 7:00. At most once an hour.");
  const zone = field("schedule-zone", "Time zone", project.schedule?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
    "An IANA time zone, such as Europe/Paris.");
  const failure = h("p", { class: "error", role: "alert" });

  async function save(schedule) {
    failure.textContent = "";
    for (const { element } of [cron, zone]) element.querySelector(".error").textContent = "";
    const { name, description, tags, subject, peers, version } = current;
    try {
      current = await call("PUT", `/v1/projects/${current.id}`, { name, description, tags, subject, peers, version, schedule });
      draw(current);
    } catch (problem) {
      const errors = problem instanceof Problem ? problem.body.errors || [] : [];
      for (const error of errors) {
        const target = error.pointer === "/schedule/cron" ? cron : error.pointer === "/schedule/timeZone" ? zone : null;
        if (target) target.element.querySelector(".error").textContent = error.message;
      }
      if (!errors.some((error) => error.pointer.startsWith("/schedule/"))) failure.textContent = problem.message;
    }
  }

  const form = h("form", { class: "schedule", novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    save({ cron: cron.input.value.trim(), timeZone: zone.input.value.trim() });
  } }, cron.element, zone.element, failure,
  h("div", { class: "row" }, h("button", { type: "submit", id: "save-schedule" }, "Save schedule"),
    h("button", { type: "button", class: "secondary", id: "remove-schedule", onclick: () => save() }, "Remove schedule")));
  return h("details", { class: "card" }, h("summary", {}, note), form);
}
