-- POST /api/players/sign-out: every token of a signed-out player is refused. Read back at start-up for sign-outs
-- younger than the tokens' absolute lifetime (older tokens are dead anyway).
alter table players add column tokens_revoked_at timestamp with time zone;
create index players_tokens_revoked_at on players (tokens_revoked_at);
