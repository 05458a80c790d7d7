// The web UI's entry: routes by the address's hash, signs in, and shows each page.
import { resume, signIn, signOut, signedIn, Problem } from "/ui/api.js";
import { h, show } from "/ui/dom.js";
import { projectsPage } from "/ui/projects.js";
import { projectPage } from "/ui/project.js";
import { setupPage } from "/ui/setup.js";

const routes = [
  [/^#\/projects\/([A-Za-z0-9]+)$/, (id) => projectPage(id)],
  [/^#\/projects$/, () => projectsPage()],
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
      location.hash = "#/projects";
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
    return signInPage();
  }
  document.getElementById("nav").hidden = false;
  for (const [pattern, page] of routes) {
    const match = location.hash.match(pattern);
    if (match) return page(...match.slice(1));
  }
  location.hash = "#/projects";
}

document.getElementById("sign-out").addEventListener("click", async () => {
  await signOut();
  location.hash = "#/signin";
  route();
});
window.addEventListener("hashchange", route);
route();
