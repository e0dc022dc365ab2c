// The operator console: every figure comes from /api/admin/** with the operator token (kept in sessionStorage,
// never a cookie, so no forged cross-site request can carry it). Text from the server is set with textContent
// only: player-chosen names and reasons never become markup.
"use strict";
const tokenKey = "skirmish.console.token";
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

function rows(tableId, items, fields) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren(...items.map(item => {
    const tr = document.createElement("tr");
    for (const f of fields) {
      const td = document.createElement("td");
      td.textContent = item[f] === null || item[f] === undefined ? "" : String(item[f]);
      tr.appendChild(td);
    }
    return tr;
  }));
}

async function refresh() {
  try {
    const o = await call("GET", "/api/admin/overview");
    document.getElementById("players-online").textContent = o.playersOnline;
    rows("rooms-by-state", Object.entries(o.roomsByState).map(([state, n]) => ({ state, n })), ["state", "n"]);
    rows("reports", await call("GET", "/api/admin/reports?limit=50"),
      ["id", "createdAt", "reporterId", "playerId", "messageId", "reason", "state"]);
    rows("audit", await call("GET", "/api/admin/audit?limit=50"), ["at", "operator", "action", "target", "reason"]);
  } catch (e) {
    document.getElementById("action-result").textContent = e.message;
  }
}

function signedIn(operator) {
  document.getElementById("signin").hidden = true;
  document.getElementById("app").hidden = false;
  document.getElementById("who").textContent = "operator " + operator;
  refresh();
  timer = setInterval(refresh, 3000); // live figures without reloading
}

function signOut() {
  sessionStorage.removeItem(tokenKey);
  if (timer) clearInterval(timer);
  document.getElementById("signin").hidden = false;
  document.getElementById("app").hidden = true;
}

async function moderate(action) {
  const id = encodeURIComponent(document.getElementById("player-id").value.trim());
  const reason = document.getElementById("reason").value;
  const out = document.getElementById("action-result");
  try {
    if (action === "mute") {
      const m = await call("POST", "/api/admin/players/" + id + "/mute",
        { durationSeconds: Number(document.getElementById("minutes").value) * 60, reason });
      out.textContent = "muted until " + m.until;
    } else if (action === "unmute") {
      await call("DELETE", "/api/admin/players/" + id + "/mute");
      out.textContent = "unmuted";
    } else {
      await call("POST", "/api/admin/players/" + id + "/ban", { reason });
      out.textContent = "banned";
    }
    refresh();
  } catch (e) {
    out.textContent = e.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("signin-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const r = await fetch("/api/admin/sign-in", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: document.getElementById("name").value, password: document.getElementById("password").value })
    });
    const json = await r.json();
    if (!r.ok) { document.getElementById("signin-error").textContent = json.code + ": " + json.detail; return; }
    sessionStorage.setItem(tokenKey, json.token);
    document.getElementById("password").value = "";
    signedIn(json.operator);
  });
  document.getElementById("mute-button").addEventListener("click", () => moderate("mute"));
  document.getElementById("unmute-button").addEventListener("click", () => moderate("unmute"));
  document.getElementById("ban-button").addEventListener("click", () => moderate("ban"));
  if (token()) call("GET", "/api/admin/me").then(me => signedIn(me.operator)).catch(() => signOut());
});
