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

// A Blob (a chosen file) is sent as it is, typed by the caller; anything else as JSON.
async function send(method, path, body, extraHeaders = {}) {
  const json = body !== undefined && !(body instanceof Blob);
  const headers = {
    Accept: "application/json", ...(json && { "Content-Type": "application/json" }),
    ...(accessToken && { Authorization: `Bearer ${accessToken}` }), ...extraHeaders,
  };
  return fetch(path, { method, headers, body: json ? JSON.stringify(body) : body, credentials: "same-origin" });
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

let renewing = null;

/**
 * Renews the access token from the session cookie; false when there is no session. One
 * renewal at a time, across this browser's tabs too: the cookie's refresh token is used
 * once, and sending it twice would look like theft to the server, which ends the session.
 */
export function resume() {
  renewing ??= (navigator.locks ? navigator.locks.request("bulletin-session", renew) : renew())
    .finally(() => { renewing = null; });
  return renewing;
}

async function renew() {
  // The readable marker the server sets beside the session cookie: without it there is no
  // session, and a refresh would only be refused (and reported in the console).
  if (!document.cookie.split("; ").includes("bulletin_signed_in=1")) { accessToken = null; return false; }
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

async function exchange(method, path, body, headers) {
  const sentWith = accessToken;
  let response = await send(method, path, body, headers);
  if (response.status === 401 && accessToken) {
    // Another call may have renewed the token meanwhile: then only send again.
    if (accessToken !== sentWith || (await resume())) response = await send(method, path, body, headers);
  }
  return response;
}

/**
 * Calls the API; an expired access token is renewed once, silently. Typed by the operation that
 * method and path name (bulletin-api.d.ts, from the OpenAPI document).
 * @template {string} M @template {string} P
 * @param {M} method @param {P} path @param {import("./bulletin-api").CallBody<M, P>} [body]
 * @param {Record<string, string>} [headers] @returns {Promise<import("./bulletin-api").CallAnswer<M, P>>}
 */
export async function call(method, path, body, headers) {
  return read(await exchange(method, path, body, headers));
}

/** Calls the API for what is not JSON (a CSV file): the raw response, the access token renewed as `call` does. */
export const fetchWithSession = (method, path, headers) => exchange(method, path, undefined, headers);

/** Calls the API, answering `{ status, body, etag }`; a 304 (`If-None-Match` matched) has no body. */
export async function callTagged(method, path, body, headers) {
  const response = await exchange(method, path, body, headers);
  const etag = response.headers.get("ETag");
  return { status: response.status, etag, body: response.status === 304 ? null : await read(response) };
}

/** A single-use ticket, for what cannot send Authorization (EventSource, frames). */
export async function ticket() {
  return (await call("POST", "/v1/realtime/tickets", {})).ticket;
}

/**
 * Follows topics as server-sent events, reconnecting with a fresh ticket and growing waits
 * (1 s to 30 s), resuming after the last event seen, so nothing is missed or seen twice.
 * `onEvent(type, event, id)` gets each event, and `("reset", {})` when the server says
 * events were missed (the caller refetches what it shows); `onStatus` gets "live" or
 * "reconnecting". Returns a function that stops following.
 */
export function follow(topics, types, onEvent, { since = "0", onStatus = (_) => {} } = {}) {
  let source = null, lastID = since, wait = 1000, stopped = false;
  const retry = () => {
    onStatus("reconnecting");
    setTimeout(open, wait);
    wait = Math.min(wait * 2, 30000);
  };
  const open = async () => {
    if (stopped) return;
    let url;
    try {
      const query = new URLSearchParams(topics.map((topic) => ["topic", topic]));
      query.set("ticket", await ticket());
      if (lastID !== null) query.set("lastEventId", lastID);
      url = `/v1/events?${query}`;
    } catch { return retry(); }
    if (stopped) return;
    source = new EventSource(url);
    source.onopen = () => { wait = 1000; onStatus("live"); };
    for (const type of [...types, "reset"]) {
      source.addEventListener(type, (message) => {
        lastID = message.lastEventId || lastID;
        onEvent(type, JSON.parse(message.data || "{}"), lastID);
      });
    }
    source.onerror = () => {
      source.close();
      if (!stopped) retry();
    };
  };
  open();
  return () => { stopped = true; source?.close(); };
}
