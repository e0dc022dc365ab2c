-- Issue 18: the trace of the start request that began a room's countdown (a W3C traceparent, exactly 55
-- characters), kept with the countdown so its launch continues that trace, on this node or on one that takes the
-- countdown over. Null: no trace kept (rows from before this migration); the launch starts a new trace. The lobby
-- checks the format when it writes and again when it reads; the column refuses any other length.
alter table rooms add column countdown_traceparent varchar(55);
alter table rooms add constraint rooms_countdown_traceparent_length
    check (countdown_traceparent is null or char_length(countdown_traceparent) = 55);
