-- orchestrator end/crash events that arrived before the lobby recorded their match; applied once the row exists
create table pending_session_events (
    event_id     varchar(128) primary key,
    session_id   varchar(64) not null,
    body         varchar(65536) not null,
    received_at  timestamp with time zone not null
);
create index pending_session_events_session on pending_session_events (session_id);
-- the retention jobs delete by age in batches
create index processed_events_received on processed_events (received_at);
create index chat_messages_sent on chat_messages (sent_at);
