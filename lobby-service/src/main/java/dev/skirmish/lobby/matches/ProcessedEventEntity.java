package dev.skirmish.lobby.matches;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Event ids already applied: the orchestrator retries until it hears 2xx, so duplicates are normal. */
@Entity
@Table(name = "processed_events")
public class ProcessedEventEntity {
    @Id
    private String eventId;
    private Instant receivedAt;

    protected ProcessedEventEntity() {
    }

    public ProcessedEventEntity(String eventId, Instant receivedAt) {
        this.eventId = eventId;
        this.receivedAt = receivedAt;
    }

    public String getEventId() { return eventId; }
}
