package dev.skirmish.lobby.matches;

import java.time.Instant;
import java.util.List;

/** Match history entry; scores are null until the result arrives. */
public record MatchView(String id, String roomId, String roomName, String sessionId, String state, Instant startedAt, Instant endedAt,
                        String endReason, String winner, Double durationSeconds, List<Score> players) {

    public record Score(String playerId, String name, Integer kills, Integer deaths, Integer damageDealt) {
    }

    static MatchView of(MatchEntity m) {
        return new MatchView(m.getId(), m.getRoomId(), m.getRoomName(), m.getSessionId(), m.getState(), m.getStartedAt(), m.getEndedAt(),
                m.getEndReason(), m.getWinner(), m.getDurationSeconds(),
                m.getPlayers().stream().map(p -> new Score(p.getPlayerId(), p.getPlayerName(), p.getKills(), p.getDeaths(), p.getDamageDealt())).toList());
    }
}
