package dev.skirmish.lobby.sessions;

import java.time.Instant;
import java.util.List;

/** What the orchestrator POSTs to {@code /internal/sessions/events}. */
public record SessionEvent(String eventId, String type, String sessionId, String roomId, Instant occurredAt, String reason,
                           Result result) {

    public record Result(String reason, String winner, Double durationSeconds, List<PlayerScore> players) {
    }

    public record PlayerScore(String name, int kills, int deaths, int damageDealt) {
    }
}
