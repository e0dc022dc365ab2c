-- Issue 15 (profile cluster, docs/scaling.md): the database, not a node's memory, guards the room rules.
-- One row per seated player: a player sits in one room at most, on every node (the primary key refuses a second seat).
create table seat_claims (
    player_id varchar(36) primary key,
    room_id   varchar(36) not null references rooms (id) on delete cascade
);
insert into seat_claims (player_id, room_id) select player_id, min(room_id) from room_seats group by player_id;
create index seat_claims_room on seat_claims (room_id);

-- A room's countdown lives on its row, so another node can finish it when the node that started it dies.
alter table rooms add column countdown_id bigint;
alter table rooms add column countdown_ends_at timestamp with time zone;
alter table rooms add column launching boolean default false not null;

-- ShedLock's table: a periodic job runs on one node at a time.
create table shedlock (
    name       varchar(64) primary key,
    lock_until timestamp with time zone not null,
    locked_at  timestamp with time zone not null,
    locked_by  varchar(255) not null
);

-- Presence across nodes (profile cluster): when a player was last seen, and until when some node holds a WebSocket
-- of the player (each node renews its players' rows), so name holds, idle seats and reconnect windows see every node.
create table player_presence (
    player_id       varchar(36) primary key,
    last_seen       timestamp with time zone not null,
    connected_until timestamp with time zone
);
