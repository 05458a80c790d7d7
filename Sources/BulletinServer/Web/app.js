// The web UI's entry: routes by the address's hash, signs in, and shows each page.
import { call, resume, signIn, signOut, signedIn, Problem } from "/ui/api.js";
import { boardPage } from "/ui/board.js";
import { h, show } from "/ui/dom.js";
import { jobPage, jobsPage } from "/ui/jobs.js";
import { projectsPage } from "/ui/projects.js";
import { projectPage } from "/ui/project.js";
import { servicesPage } from "/ui/services.js";
import { setupPage } from "/ui/setup.js";
import { usagePage } from "/ui/usage.js";
import { wizardPage } from "/ui/wizard.js";

const ranks = { viewer: 0, editor: 1, admin: 2, owner: 3 };
let role = null;
const atLeast = (minimum) => (ranks[role] ?? 0) >= ranks[minimum];

// The forms' pages (builder, rule engine, renderer) load when first opened, keeping the first
// load of every other page small.
const forms = () => import("/ui/forms.js");

const routes = [
  [/^#\/projects\/new$/, () => wizardPage()],
  [/^#\/projects\/([A-Za-z0-9]+)$/, (id) => projectPage(id, atLeast("editor"))],
  [/^#\/projects$/, () => projectsPage(atLeast("editor"))],
  [/^#\/jobs\/([A-Za-z0-9]+)$/, (id) => jobPage(id, atLeast("admin"))],
  [/^#\/jobs$/, () => jobsPage(atLeast("admin"))],
  [/^#\/board(?:\/(\d{4}-\d{2}-\d{2}))?$/, (date) => boardPage(date, atLeast("editor"), atLeast("admin"))],
  [/^#\/services$/, () => servicesPage(atLeast("editor"))],
  [/^#\/usage$/, () => usagePage()],
  // Forms: the list, and a form's page at one of its tabs.
  [/^#\/forms\/([A-Za-z0-9]+)(?:\/(build|submissions|links|versions))?$/, async (id, tab) => (await forms()).formPage(id, atLeast("editor"), tab)],
  [/^#\/forms$/, async () => (await forms()).formsPage(atLeast("editor"))],
];

function signInPage() {
  const error = h("p", { class: "error", role: "alert" });
  const email = h("input", { id: "email", type: "email", autocomplete: "username", required: true });
  const password = h("input", { id: "password", type: "password", autocomplete: "current-password", required: true });
  const submit = h("button", { type: "submit" }, "Sign in");
  const form = h("form", { class: "card", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = "";
    try {
      await signIn(email.value.trim(), password.value);
      // Back to the page that asked for sign-in; the address may not change, so route now.
      if (/^#\/(signin)?$/.test(location.hash) || !location.hash) location.hash = "#/projects"; else route();
    } catch (problem) {
      error.textContent = problem instanceof Problem ? problem.message : "The server could not be reached.";
      submit.disabled = false;
      password.focus();
    }
  } },
    h("label", { for: "email" }, "E-mail"), email,
    h("label", { for: "password" }, "Password"), password,
    h("p", {}, submit), error);
  show(h("h1", {}, "Sign in"), form);
  email.focus();
}

async function route() {
  const setup = location.hash.match(/^#\/setup(?:\/([0-9a-f]+))?$/);
  if (setup) {
    document.getElementById("nav").hidden = true;
    return setupPage(setup[1]);
  }
  if (!signedIn() && !(await resume())) {
    document.getElementById("nav").hidden = true;
    role = null;
    return signInPage();
  }
  if (role === null) {
    // Until the caller's role is known (a failed read is tried again next page), the
    // pages offer only what every member may do.
    try { role = (await call("GET", "/v1/me")).role; } catch { /* role stays unknown */ }
  }
  document.getElementById("nav").hidden = false;
  document.getElementById("nav-jobs").hidden = !atLeast("editor");
  document.getElementById("nav-usage").hidden = !atLeast("admin");
  for (const [pattern, page] of routes) {
    const match = location.hash.match(pattern);
    if (match) return page(...match.slice(1));
  }
  location.hash = "#/projects";
}

document.getElementById("sign-out").addEventListener("click", async () => {
  await signOut();
  role = null;
  location.hash = "#/signin";
  route();
});
window.addEventListener("hashchange", route);
route();
