package dev.skirmish.orchestrator.events;

import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes session events to the persisted outbox; {@link OutboxPublisher} delivers them. */
@Component
public class EventOutbox {
    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    private final OutboxRepository repository;
    private final JsonMapper json;

    public EventOutbox(OutboxRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public void enqueue(SessionEvent.Type type, String sessionId, String roomId, String reason, JsonNode result) {
        Instant now = Instant.now();
        SessionEvent event = new SessionEvent(UUID.randomUUID().toString(), type, sessionId, roomId, now, reason, result);
        repository.save(new OutboxEventEntity(event.eventId(), sessionId, type.name(), json.writeValueAsString(event), now));
        log.info("event {} for session={} room={} reason={} queued", type, sessionId, roomId, reason);
    }
}
