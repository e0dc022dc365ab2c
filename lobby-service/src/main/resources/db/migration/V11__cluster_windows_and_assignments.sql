-- Issue 15 (profile cluster, docs/scaling.md): what a node's memory held for its own players, kept where every node
-- sees it, so it survives the node.

-- A disconnected player's reconnect window ends here; the cluster sweep (one node, ShedLock) frees the seat once it
-- has passed and no node holds a WebSocket of the player. Null: no window running.
alter table player_presence add column reconnect_until timestamp with time zone;
-- The node that last renewed connected_until: a node whose player leaves clears only its own word, never that of a
-- node the player has already moved to.
alter table player_presence add column connected_node varchar(64);

-- Each player's assignment of its running match, so GET /api/matches/current and the /user/queue/match re-send answer
-- on any node. The connect token is sealed (AES-GCM under a key derived from the lobby's token secret, bound to the
-- player and session); the row goes at match end or once the token has expired.
create table match_assignments (
    player_id     varchar(36) primary key,
    session_id    varchar(64) not null,
    room_id       varchar(36) not null,
    host          varchar(255) not null,
    port          integer not null,
    player_name   varchar(64) not null,
    match_seconds integer not null,
    sealed_token  varchar(8192) not null,
    expires_at    timestamp with time zone not null
);
create index match_assignments_session on match_assignments (session_id);
create index match_assignments_expires on match_assignments (expires_at);
