package dev.skirmish.orchestrator.events;

import dev.skirmish.orchestrator.logging.MatchTrace;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes session events to the persisted outbox, in the caller's transaction; {@link OutboxPublisher} delivers
 * them. One plain INSERT rather than an entity persist: a warm allocation's transaction is on the path the lobby
 * waits on, and Hibernate's persist-and-flush machinery was most of its CPU time.
 */
@Component
public class EventOutbox {
    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxPublisher publisher;
    private final MatchTrace trace;

    public EventOutbox(DataSource dataSource, JsonMapper json, OutboxPublisher publisher, MatchTrace trace) {
        this.trace = trace;
        this.jdbc = JdbcClient.create(dataSource);
        this.json = json;
        this.publisher = publisher;
    }

    public void enqueue(SessionEvent.Type type, String sessionId, String roomId, String reason, JsonNode result) {
        Instant now = Instant.now();
        SessionEvent event = new SessionEvent(UUID.randomUUID().toString(), type, sessionId, roomId, now, reason, result,
                trace.current().orElse(null));
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.sql("INSERT INTO outbox_event (id, session_id, type, payload, created_at, attempts, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?, 0, ?)")
                .params(event.eventId(), sessionId, type.name(), json.writeValueAsString(event), at, at)
                .update();
        // the publisher may look once the event is committed (not before: it would find nothing and go idle)
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publisher.wake();
                }
            });
        } else {
            publisher.wake();
        }
        log.info("event {} for session={} room={} reason={} queued", type, sessionId, roomId, reason);
    }
}
