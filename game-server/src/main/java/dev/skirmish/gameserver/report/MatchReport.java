package dev.skirmish.gameserver.report;

import dev.skirmish.simulation.MatchResult;
import java.util.List;

/**
 * The result body of docs/orchestrator-api.md.
 *
 * @param reason  MATCH_END, NO_PLAYERS_CONNECTED, ALL_PLAYERS_LEFT or SHUTDOWN
 * @param winner  null on a draw or when nobody played
 */
public record MatchReport(EndReason reason, String winner, double durationSeconds, List<PlayerLine> players) {
    public enum EndReason { MATCH_END, NO_PLAYERS_CONNECTED, ALL_PLAYERS_LEFT, SHUTDOWN }

    public record PlayerLine(String name, int kills, int deaths, int damageDealt) {
    }

    public MatchReport {
        players = List.copyOf(players);
    }

    public static MatchReport of(EndReason reason, MatchResult result, boolean anyonePlayed, double seconds) {
        List<PlayerLine> lines = result == null ? List.of() : result.players().stream()
                .map(p -> new PlayerLine(p.name(), p.kills(), p.deaths(), p.damageDealt())).toList();
        String winner = anyonePlayed && result != null ? result.winnerName() : null;
        return new MatchReport(reason, winner, seconds, lines);
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(64 + players.size() * 64);
        b.append("{\"reason\":").append(Json.string(reason.name()))
                .append(",\"winner\":").append(Json.string(winner))
                .append(",\"durationSeconds\":").append(Json.number(durationSeconds))
                .append(",\"players\":[");
        for (int i = 0; i < players.size(); i++) {
            PlayerLine p = players.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(p.name()))
                    .append(",\"kills\":").append(p.kills())
                    .append(",\"deaths\":").append(p.deaths())
                    .append(",\"damageDealt\":").append(p.damageDealt()).append('}');
        }
        return b.append("]}").toString();
    }
}
