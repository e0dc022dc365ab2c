package dev.skirmish.lobby.matches;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An end or crash event whose match row did not exist yet (the game server died between READY and the lobby
 * recording the match): kept, as JSON, until the launch records the match, then applied and moved to
 * {@code processed_events}.
 */
@Entity
@Table(name = "pending_session_events")
public class PendingSessionEvent {
    @Id
    private String eventId;
    private String sessionId;
    private String body;
    private Instant receivedAt;

    protected PendingSessionEvent() {
    }

    public PendingSessionEvent(String eventId, String sessionId, String body, Instant receivedAt) {
        this.eventId = eventId;
        this.sessionId = sessionId;
        this.body = body;
        this.receivedAt = receivedAt;
    }

    public String getEventId() { return eventId; }

    public String getSessionId() { return sessionId; }

    public String getBody() { return body; }

    public Instant getReceivedAt() { return receivedAt; }
}
