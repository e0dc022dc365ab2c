// The operator console's core: sign-in, calls to /api/admin/** with the operator token (kept in sessionStorage,
// never a cookie, so no forged cross-site request can carry it), and the refresh loop. Text from the server is set
// with textContent only: player-chosen names, chat lines, reasons and game-server log lines never become markup.
// Live updates are a periodic fetch: every figure already has an ADMIN REST endpoint, a handful of operators polling
// costs nothing next to the players, and it needs no new STOMP destinations or message rules.
"use strict";
const tokenKey = "skirmish.console.token";
const REFRESH_MS = 2000;
const pages = []; // each { refresh: async () => ... }, registered by players.js and pages.js
let timer = null;

function token() { return sessionStorage.getItem(tokenKey); }

async function call(method, path, body) {
  const headers = { "Authorization": "Bearer " + token() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 401) { signOut(); throw new Error("signed out"); }
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (!r.ok) throw new Error((json && json.code ? json.code + ": " : "") + (json && json.detail ? json.detail : r.status));
  return json;
}

function el(id) { return document.getElementById(id); }

function show(message) { el("action-result").textContent = message; }

/** A cell's text, or a button: { button: "label", onClick: fn, id: "optional-id" }. */
function cell(value) {
  const td = document.createElement("td");
  if (value && typeof value === "object" && value.button) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = value.button;
    if (value.id) b.id = value.id;
    b.addEventListener("click", value.onClick);
    td.appendChild(b);
  } else {
    td.textContent = value === null || value === undefined ? "" : String(value);
  }
  return td;
}

/** Fills a table's body: one row per item, each made by toCells(item) → array of cell values. */
function fill(tableId, items, toCells) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren(...items.map(item => {
    const tr = document.createElement("tr");
    for (const v of toCells(item)) tr.appendChild(cell(v));
    return tr;
  }));
}

function rows(tableId, items, fields) { fill(tableId, items, item => fields.map(f => item[f])); }

function when(instant) { return instant ? instant.replace("T", " ").replace(/\.\d+Z$/, "Z") : ""; }

/** Asks for a reason (every operator action is audited with one) and runs the action, showing its outcome. */
async function act(label, run) {
  const reason = el("reason").value.trim() || window.prompt("Reason for: " + label);
  if (!reason) { show("a reason is needed"); return; }
  try {
    show(await run(reason));
    refresh();
  } catch (e) {
    show(e.message);
  }
}

let refreshing = false;

async function refresh() {
  if (refreshing) return; // a slow round is not stacked on by the next tick
  refreshing = true;
  try {
    for (const page of pages) {
      try {
        await page.refresh();
      } catch (e) {
        show(e.message);
      }
    }
    el("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } finally {
    refreshing = false;
  }
}

function signedIn(operator) {
  el("signin").hidden = true;
  el("app").hidden = false;
  el("nav").hidden = false;
  el("who").textContent = "operator " + operator;
  refresh();
  timer = setInterval(refresh, REFRESH_MS); // live figures without reloading
}

function signOut() {
  sessionStorage.removeItem(tokenKey);
  if (timer) clearInterval(timer);
  el("signin").hidden = false;
  el("app").hidden = true;
  el("nav").hidden = true;
}

document.addEventListener("DOMContentLoaded", () => {
  el("signin-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const r = await fetch("/api/admin/sign-in", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: el("name").value, password: el("password").value })
    });
    const json = await r.json();
    if (!r.ok) { el("signin-error").textContent = json.code + ": " + json.detail; return; }
    sessionStorage.setItem(tokenKey, json.token);
    el("password").value = "";
    signedIn(json.operator);
  });
  if (token()) call("GET", "/api/admin/me").then(me => signedIn(me.operator)).catch(() => signOut());
});
