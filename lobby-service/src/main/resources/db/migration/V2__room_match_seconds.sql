-- the match length a room asks the orchestrator for (POST /api/rooms "matchSeconds"); old rooms get the old default
alter table rooms add column match_seconds integer not null default 180;
