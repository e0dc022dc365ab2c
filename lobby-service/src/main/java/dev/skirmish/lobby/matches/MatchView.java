package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.text.UserText;
import java.time.Instant;
import java.util.List;

/** Match history entry; scores are null until the result arrives. */
public record MatchView(String id, String roomId, String roomName, String sessionId, String state, Instant startedAt, Instant endedAt,
                        String endReason, String winner, Double durationSeconds, List<Score> players) {

    /** Rows stored before {@link UserText} existed may hold hidden characters: they never leave in a view. */
    public MatchView {
        roomName = UserText.strip(roomName);
        endReason = UserText.strip(endReason);
        winner = UserText.strip(winner);
    }

    public record Score(String playerId, String name, Integer kills, Integer deaths, Integer damageDealt) {
        public Score {
            name = UserText.strip(name);
        }
    }

    static MatchView of(MatchEntity m) {
        return new MatchView(m.getId(), m.getRoomId(), m.getRoomName(), m.getSessionId(), m.getState(), m.getStartedAt(), m.getEndedAt(),
                m.getEndReason(), m.getWinner(), m.getDurationSeconds(),
                m.getPlayers().stream().map(p -> new Score(p.getPlayerId(), p.getPlayerName(), p.getKills(), p.getDeaths(), p.getDamageDealt())).toList());
    }
}
