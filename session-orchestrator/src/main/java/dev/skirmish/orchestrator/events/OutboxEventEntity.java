package dev.skirmish.orchestrator.events;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event for the lobby, kept until the lobby acknowledged it with a 2xx. */
@Entity
@Table(name = "outbox_event")
public class OutboxEventEntity {
    @Id
    private String id;
    private String sessionId;
    private String type;
    private String payload;
    private Instant createdAt;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant deliveredAt;
    private String lastError;

    protected OutboxEventEntity() {
    }

    public OutboxEventEntity(String id, String sessionId, String type, String payload, Instant now) {
        this.id = id;
        this.sessionId = sessionId;
        this.type = type;
        this.payload = payload;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public String getId() { return id; }
    public String getSessionId() { return sessionId; }
    public String getType() { return type; }
    public String getPayload() { return payload; }
    public Instant getCreatedAt() { return createdAt; }
    public int getAttempts() { return attempts; }
    public Instant getNextAttemptAt() { return nextAttemptAt; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public String getLastError() { return lastError; }

    public void delivered(Instant at) {
        attempts++;
        deliveredAt = at;
        lastError = null;
    }

    public void failed(String error, Instant retryAt) {
        attempts++;
        lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        nextAttemptAt = retryAt;
    }
}
