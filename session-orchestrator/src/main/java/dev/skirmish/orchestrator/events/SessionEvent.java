package dev.skirmish.orchestrator.events;

import tools.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The body POSTed to the lobby; {@code eventId} is its idempotency key. {@code traceparent}: the W3C trace of the
 * request that caused it (the match start, a game server's callback), null outside any; also sent as the header.
 */
public record SessionEvent(String eventId, Type type, String sessionId, String roomId, Instant occurredAt,
                           String reason, JsonNode result, String traceparent) {
    public enum Type { SESSION_READY, SESSION_ENDED, SESSION_FAILED, SESSION_CRASHED }
}
