package dev.skirmish.orchestrator.events;

import tools.jackson.databind.JsonNode;
import java.time.Instant;

/** The body POSTed to the lobby; {@code eventId} is its idempotency key. */
public record SessionEvent(String eventId, Type type, String sessionId, String roomId, Instant occurredAt,
                           String reason, JsonNode result) {
    public enum Type { SESSION_READY, SESSION_ENDED, SESSION_FAILED, SESSION_CRASHED }
}
