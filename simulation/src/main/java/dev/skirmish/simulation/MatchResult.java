package dev.skirmish.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Score of a match: per player kills, deaths and damage dealt, and the winner (most kills, then fewer deaths,
 * then more damage; players equal on all three = no winner, -1).
 */
public record MatchResult(List<PlayerScore> players, int winner) {
    public record PlayerScore(int id, String name, int kills, int deaths, int damageDealt) {
    }

    private static final Comparator<PlayerScore> BEST_FIRST = Comparator.comparingInt(PlayerScore::kills).reversed()
            .thenComparingInt(PlayerScore::deaths)
            .thenComparing(Comparator.comparingInt(PlayerScore::damageDealt).reversed());

    public MatchResult {
        players = List.copyOf(players);
    }

    public static MatchResult of(MatchState state) {
        List<PlayerScore> scores = new ArrayList<>();
        for (PlayerState p : state.players()) {
            scores.add(new PlayerScore(p.id(), p.name(), p.kills(), p.deaths(), p.damageDealt()));
        }
        return new MatchResult(scores, winnerOf(scores));
    }

    static int winnerOf(List<PlayerScore> scores) {
        if (scores.isEmpty()) {
            return -1;
        }
        List<PlayerScore> ranked = new ArrayList<>(scores);
        ranked.sort(BEST_FIRST);
        if (ranked.size() > 1 && BEST_FIRST.compare(ranked.get(0), ranked.get(1)) == 0) {
            return -1;
        }
        return ranked.get(0).id();
    }

    /** Name of the winner, or null for a draw. */
    public String winnerName() {
        return winner < 0 ? null : players.get(winner).name();
    }
}
