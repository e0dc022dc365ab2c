-- Issue 18: mutes survive a restart (they were held in memory only) and bans may end by themselves. One row per
-- player; the lobby's moderation sweep deletes rows whose end has passed (and lifts an ended ban's token refusal).
create table chat_mutes (
    player_id  varchar(36) primary key,
    muted_at   timestamp with time zone not null,
    ends_at      timestamp with time zone not null,
    reason     varchar(500),
    operator   varchar(64)
);
create index chat_mutes_ends_at on chat_mutes (ends_at);

create table player_bans (
    player_id  varchar(36) primary key,
    banned_at  timestamp with time zone not null,
    -- null: until an operator lifts it
    ends_at      timestamp with time zone,
    reason     varchar(500),
    operator   varchar(64)
);
create index player_bans_ends_at on player_bans (ends_at);
