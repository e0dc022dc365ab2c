// Overview, rooms, matches, sessions, reports and the audit log: each refreshed every REFRESH_MS (console.js).
"use strict";
let openRoom = null;
let openMatch = null;
let openSession = null;

const overviewPage = { refresh: async () => {
  const o = await call("GET", "/api/admin/overview");
  el("players-online").textContent = o.playersOnline;
  el("matches-running").textContent = o.matchesRunning;
  el("starts-per-minute").textContent = o.startsPerMinute;
  el("processes").textContent = o.gameServerProcesses === null ? "?" : o.gameServerProcesses;
  el("orchestrator-error").textContent = o.orchestratorError ? "orchestrator: " + o.orchestratorError : "";
  rows("rooms-by-state", Object.entries(o.roomsByState).map(([state, n]) => ({ state, n })), ["state", "n"]);
  rows("sessions-by-state", Object.entries(o.sessionsByState || {}).map(([state, n]) => ({ state, n })), ["state", "n"]);
} };

const roomsPage = { refresh: async () => {
  const q = new URLSearchParams({ size: "100" });
  if (el("room-state").value) q.set("state", el("room-state").value);
  if (el("room-filter").value.trim()) q.set("name", el("room-filter").value.trim());
  const page = await call("GET", "/api/admin/rooms?" + q);
  fill("room-list", page.items, r => [r.name, r.state, r.players.length + "/" + r.capacity, r.private ? "yes" : "no", r.owner, r.id,
    { button: "open", onClick: () => { openRoom = r.id; roomDetail().catch(e => show(e.message)); } }]);
  await roomDetail();
} };

async function roomDetail() {
  if (!openRoom) return;
  let d;
  try {
    d = await call("GET", "/api/admin/rooms/" + encodeURIComponent(openRoom) + "?chat=50");
  } catch (e) {
    openRoom = null;
    el("room-detail").hidden = true;
    throw e;
  }
  el("room-detail").hidden = false;
  el("room-name").textContent = d.room.name + " (" + d.room.state + ")";
  fill("room-members", d.room.players, p => [p.name, p.id, p.ready ? "yes" : "no",
    { button: "kick", onClick: () => act("kick " + p.name, async reason => {
      await call("POST", "/api/admin/rooms/" + encodeURIComponent(d.room.id) + "/players/" + encodeURIComponent(p.id) + "/kick", { reason });
      return "kicked " + p.name;
    }) }]);
  fill("room-chat", d.chat, m => [when(m.sentAt), m.name, m.text,
    { button: "delete", onClick: () => act("delete message " + m.id, async reason => {
      await call("POST", "/api/admin/chat/" + m.id + "/delete", { reason });
      return "message " + m.id + " deleted";
    }) }]);
}

const matchesPage = { refresh: async () => {
  const q = new URLSearchParams({ limit: "50" });
  if (el("match-state").value) q.set("state", el("match-state").value);
  const list = await call("GET", "/api/admin/matches?" + q);
  fill("match-list", list, m => [when(m.startedAt), m.roomName, m.state, m.sessionId, m.players.map(p => p.name).join(", "), m.winner,
    { button: "report", onClick: () => { openMatch = m.id; matchReport().catch(e => show(e.message)); } }]);
  await matchReport();
} };

async function matchReport() {
  if (!openMatch) return;
  const r = await call("GET", "/api/admin/matches/" + encodeURIComponent(openMatch));
  const m = r.match;
  el("match-report").hidden = false;
  el("report-id").textContent = m.id + " in " + m.roomName;
  const parts = [m.state, "started " + when(m.startedAt)];
  if (m.endedAt) parts.push("ended " + when(m.endedAt) + (m.endReason ? " (" + m.endReason + ")" : ""));
  if (m.winner) parts.push("winner " + m.winner);
  parts.push("tick p99 " + (r.tickMsP99 === null ? "?" : r.tickMsP99.toFixed(2) + " ms"));
  parts.push("bandwidth per client " + (r.bytesPerSecondPerClient === null ? "?" : Math.round(r.bytesPerSecondPerClient) + " B/s"));
  if (r.sessionState) parts.push("session " + r.sessionState);
  el("report-summary").textContent = parts.join(" · ");
  fill("report-players", m.players, p => [p.name, p.kills, p.deaths, p.damageDealt]);
}

const sessionsPage = { refresh: async () => {
  const list = await call("GET", "/api/admin/sessions?limit=100");
  fill("session-list", list, s => [s.id, s.roomId, s.state, s.host ? s.host + ":" + s.port : s.port, s.pid, when(s.createdAt), when(s.endedAt),
    { button: "log", onClick: () => { openSession = s.id; sessionLog().catch(e => show(e.message)); } },
    { button: "stop", onClick: () => act("stop " + s.id, async reason => {
      await call("POST", "/api/admin/sessions/" + encodeURIComponent(s.id) + "/stop", { reason });
      return "session " + s.id + " stopping";
    }) }]);
  await sessionLog();
} };

async function sessionLog() {
  if (!openSession) return;
  const log = await call("GET", "/api/admin/sessions/" + encodeURIComponent(openSession) + "/log?lines=100");
  el("session-detail").hidden = false;
  el("log-session").textContent = log.id;
  el("log-process").textContent = log.process || "not running";
  el("session-log").textContent = log.lines.join("\n"); // a game server's text: never markup
}

const reportsPage = { refresh: async () => {
  const list = await call("GET", "/api/admin/reports?limit=50");
  fill("report-list", list, r => [r.id, when(r.createdAt), r.reporterId, r.playerId, r.messageId, r.reason, r.state,
    r.state === "OPEN" ? { button: "resolve", onClick: () => act("resolve report " + r.id, async reason => {
      await call("POST", "/api/admin/reports/" + r.id + "/resolve", { reason });
      return "report " + r.id + " resolved";
    }) } : ""]);
} };

const auditPage = { refresh: async () => {
  rows("audit", await call("GET", "/api/admin/audit?limit=50"), ["at", "operator", "action", "target", "reason"]);
} };

pages.push(overviewPage, roomsPage, matchesPage, sessionsPage, reportsPage, auditPage);

document.addEventListener("DOMContentLoaded", () => {
  el("room-close-button").addEventListener("click", () => act("close room", async reason => {
    await call("POST", "/api/admin/rooms/" + encodeURIComponent(openRoom) + "/close", { reason });
    return "room closed";
  }));
  for (const id of ["room-state", "match-state"]) el(id).addEventListener("change", () => refresh());
  el("room-filter").addEventListener("input", () => roomsPage.refresh().catch(e => show(e.message)));
});
