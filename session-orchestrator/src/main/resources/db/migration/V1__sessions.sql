CREATE TABLE game_session (
    id              VARCHAR(64)  PRIMARY KEY,
    room_id         VARCHAR(64),
    state           VARCHAR(16)  NOT NULL,
    warm            BOOLEAN      NOT NULL,
    host            VARCHAR(255) NOT NULL,
    port            INTEGER      NOT NULL,
    players_json    VARCHAR(8000),
    match_seconds   INTEGER      NOT NULL,
    session_key     VARCHAR(64)  NOT NULL,
    pid             BIGINT,
    process_started_at TIMESTAMP WITH TIME ZONE,
    log_file        VARCHAR(1024),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ready_at        TIMESTAMP WITH TIME ZONE,
    allocated_at    TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE,
    end_reason      VARCHAR(255),
    result_json     VARCHAR(16000),
    last_stats_json VARCHAR(2000),
    last_log_lines  VARCHAR(16000)
);
CREATE INDEX game_session_state ON game_session (state);
CREATE INDEX game_session_room ON game_session (room_id);

CREATE TABLE outbox_event (
    id              VARCHAR(64)  PRIMARY KEY,
    session_id      VARCHAR(64)  NOT NULL,
    type            VARCHAR(32)  NOT NULL,
    payload         VARCHAR(20000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000)
);
CREATE INDEX outbox_event_due ON outbox_event (delivered_at, next_attempt_at);
