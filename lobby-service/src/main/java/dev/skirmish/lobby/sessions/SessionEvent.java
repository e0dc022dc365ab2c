package dev.skirmish.lobby.sessions;

import dev.skirmish.lobby.text.UserText;
import java.time.Instant;
import java.util.List;

/**
 * What the orchestrator POSTs to {@code /internal/sessions/events}. Its free text (reasons, the winner and the score
 * names) comes partly from a game server, the one process that parses untrusted UDP, and ends up on every room
 * member's screen: hidden characters are stripped here, as it is read ({@link UserText}).
 */
public record SessionEvent(String eventId, String type, String sessionId, String roomId, Instant occurredAt, String reason,
                           Result result) {
    public SessionEvent {
        reason = UserText.strip(reason);
    }

    public record Result(String reason, String winner, Double durationSeconds, List<PlayerScore> players) {
        public Result {
            reason = UserText.strip(reason);
            winner = UserText.strip(winner);
        }
    }

    public record PlayerScore(String name, int kills, int deaths, int damageDealt) {
        public PlayerScore {
            name = UserText.strip(name);
        }
    }
}
