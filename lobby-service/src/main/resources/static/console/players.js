// The players page: search by name, one player's mute, ban and match history, and the moderation buttons.
"use strict";
let openPlayer = null; // the player whose detail is shown, refreshed with the rest
let lastSearch = null;

function playerId() { return encodeURIComponent(el("player-id").value.trim()); }

async function showPlayer(id) {
  openPlayer = id;
  el("player-id").value = id;
  await refreshPlayer();
}

async function refreshPlayer() {
  if (!openPlayer) return;
  const d = await call("GET", "/api/admin/players/" + encodeURIComponent(openPlayer));
  el("player-detail").hidden = false;
  el("player-name").textContent = d.player.name + " (" + d.player.id + ")";
  el("player-state").textContent = (d.player.online ? "online" : "offline") + (d.player.roomId ? ", in room " + d.player.roomId : "");
  const parts = [];
  parts.push(d.mute ? "muted until " + when(d.mute.until) + ": " + d.mute.reason : "not muted");
  parts.push(d.ban ? "banned " + (d.ban.until ? "until " + when(d.ban.until) : "with no end") + " by " + d.ban.operator + ": " + d.ban.reason
    : "not banned");
  el("player-moderation").textContent = parts.join(" · ");
  fill("player-matches", d.matches, m => {
    const me = m.players.find(p => p.playerId === d.player.id);
    return [when(m.startedAt), m.roomName, m.state, m.winner, me && me.kills !== null ? me.kills + "/" + me.deaths : ""];
  });
}

async function searchPlayers() {
  if (!lastSearch) return;
  const found = await call("GET", "/api/admin/players?name=" + encodeURIComponent(lastSearch) + "&limit=50");
  fill("player-list", found, p => [p.name, p.id, p.online ? "yes" : "no", p.roomId, when(p.createdAt),
    { button: "open", onClick: () => showPlayer(p.id).catch(e => show(e.message)) }]);
}

async function moderate(action) {
  const id = playerId();
  await act(action, async reason => {
    if (action === "mute") {
      const m = await call("POST", "/api/admin/players/" + id + "/mute",
        { durationSeconds: Number(el("minutes").value) * 60, reason });
      return "muted until " + m.until;
    }
    if (action === "unmute") {
      await call("DELETE", "/api/admin/players/" + id + "/mute");
      return "unmuted";
    }
    if (action === "ban") {
      const minutes = el("ban-minutes").value;
      const body = minutes ? { reason, durationSeconds: Number(minutes) * 60 } : { reason };
      await call("POST", "/api/admin/players/" + id + "/ban", body);
      const d = await call("GET", "/api/admin/players/" + id);
      return "banned " + (d.ban && d.ban.until ? "until " + d.ban.until : "with no end");
    }
    if (action === "unban") {
      await call("DELETE", "/api/admin/players/" + id + "/ban", { reason });
      return "unbanned";
    }
    const d = await call("GET", "/api/admin/players/" + id);
    if (!d.player.roomId) throw new Error("the player is in no room");
    await call("POST", "/api/admin/rooms/" + encodeURIComponent(d.player.roomId) + "/players/" + id + "/kick", { reason });
    return "kicked from room " + d.player.roomId;
  });
}

pages.push({ refresh: async () => { await searchPlayers(); await refreshPlayer(); } });

document.addEventListener("DOMContentLoaded", () => {
  el("search-form").addEventListener("submit", ev => {
    ev.preventDefault();
    lastSearch = el("player-search").value.trim();
    searchPlayers().catch(e => show(e.message));
  });
  for (const action of ["mute", "unmute", "ban", "unban", "kick"]) {
    el(action + "-button").addEventListener("click", () => moderate(action));
  }
});
