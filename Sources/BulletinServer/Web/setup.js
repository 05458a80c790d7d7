// First run: the setup page, reached from the link the server logs (#/setup/TOKEN). It creates
// the first workspace and its owner, then signs the owner in.
import { call, signIn, Problem } from "/ui/api.js";
import { h, show } from "/ui/dom.js";

export function setupPage(token = "") {
  const fields = {
    token: h("input", { id: "token", value: token, autocomplete: "off", required: true }),
    workspaceName: h("input", { id: "workspaceName", autocomplete: "organization", required: true }),
    email: h("input", { id: "email", type: "email", autocomplete: "username", required: true }),
    password: h("input", { id: "password", type: "password", autocomplete: "new-password", minlength: "10", required: true }),
  };
  const messages = Object.fromEntries(Object.keys(fields).map((name) => [name, h("p", { class: "error", id: `${name}-error` })]));
  for (const [name, input] of Object.entries(fields)) input.setAttribute("aria-describedby", `${name}-error`);
  const error = h("p", { class: "error", role: "alert" });
  const submit = h("button", { type: "submit" }, "Create the workspace");
  const labels = { token: "Setup token (from the server's log)", workspaceName: "Workspace name", email: "Your e-mail", password: "Password (10 characters or more)" };
  const form = h("form", { class: "card", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = "";
    for (const message of Object.values(messages)) message.textContent = "";
    for (const input of Object.values(fields)) input.removeAttribute("aria-invalid");
    const body = Object.fromEntries(Object.entries(fields).map(([name, input]) => [name, input.value]));
    try {
      await call("POST", "/v1/setup", body);
      await signIn(body.email, body.password);
      location.hash = "#/projects";
    } catch (problem) {
      submit.disabled = false;
      if (!(problem instanceof Problem)) { error.textContent = "The server could not be reached."; return; }
      const fieldErrors = problem.body.errors || [];
      for (const fieldError of fieldErrors) {
        const name = fieldError.pointer.slice(1);
        if (!messages[name]) continue;
        messages[name].textContent = fieldError.message;
        fields[name].setAttribute("aria-invalid", "true");
      }
      error.textContent = fieldErrors.length ? "Please correct the fields marked." : problem.message;
      const first = fieldErrors.map((fieldError) => fields[fieldError.pointer.slice(1)]).find(Boolean);
      (first || fields.token).focus();
    }
  } },
    Object.entries(fields).map(([name, input]) => [h("label", { for: name }, labels[name]), input, messages[name]]),
    h("p", {}, submit), error);
  show(h("h1", {}, "Set up Bulletin"), h("p", { class: "muted" }, "Create the first workspace and its owner."), form);
  (token ? fields.workspaceName : fields.token).focus();
}
