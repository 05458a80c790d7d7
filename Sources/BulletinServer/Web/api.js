// The API as the web UI uses it: the access token lives in memory only; the refresh token is
// an HttpOnly cookie the page never sees, renewed through POST /v1/auth/session/refresh.

let accessToken = null;

/** A problem document from the API, thrown by `call`. */
export class Problem extends Error {
  constructor(status, body) {
    super(body?.detail || body?.title || `The server answered ${status}.`);
    this.status = status;
    this.body = body || {};
  }
}

async function send(method, path, body) {
  const headers = { Accept: "application/json" };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
}

async function read(response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Problem(response.status, body);
  return body;
}

/** Signs in; the server sets the session cookie. */
export async function signIn(email, password) {
  const body = await read(await send("POST", "/v1/auth/session", { email, password }));
  accessToken = body.accessToken;
}

/** Renews the access token from the session cookie; false when there is no session. */
export async function resume() {
  const response = await fetch("/v1/auth/session/refresh", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: "{}", credentials: "same-origin",
  });
  if (!response.ok) { accessToken = null; return false; }
  accessToken = (await response.json()).accessToken;
  return true;
}

export async function signOut() {
  await fetch("/v1/auth/session/logout", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: "{}", credentials: "same-origin",
  });
  accessToken = null;
}

export const signedIn = () => accessToken !== null;

/** Calls the API; an expired access token is renewed once, silently. */
export async function call(method, path, body) {
  let response = await send(method, path, body);
  if (response.status === 401 && accessToken && (await resume())) response = await send(method, path, body);
  return read(response);
}

/** A single-use ticket, for what cannot send Authorization (EventSource, frames). */
export async function ticket() {
  return (await call("POST", "/v1/realtime/tickets", {})).ticket;
}

/**
 * Follows topics as server-sent events, reconnecting with a fresh ticket and growing waits
 * (1 s to 30 s), resuming after the last event seen. Returns a function that stops it.
 */
export function follow(topics, types, onEvent, since = "0") {
  let source = null, lastID = since, wait = 1000, stopped = false;
  const open = async () => {
    if (stopped) return;
    let url;
    try {
      const query = new URLSearchParams(topics.map((topic) => ["topic", topic]));
      query.set("ticket", await ticket());
      if (lastID !== null) query.set("lastEventId", lastID);
      url = `/v1/events?${query}`;
    } catch { setTimeout(open, wait); wait = Math.min(wait * 2, 30000); return; }
    source = new EventSource(url);
    for (const type of types) {
      source.addEventListener(type, (message) => {
        wait = 1000;
        lastID = message.lastEventId || lastID;
        onEvent(type, JSON.parse(message.data));
      });
    }
    source.onerror = () => {
      source.close();
      if (!stopped) { setTimeout(open, wait); wait = Math.min(wait * 2, 30000); }
    };
  };
  open();
  return () => { stopped = true; source?.close(); };
}
