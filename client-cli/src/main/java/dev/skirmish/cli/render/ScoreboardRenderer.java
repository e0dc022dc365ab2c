package dev.skirmish.cli.render;

import dev.skirmish.cli.render.ArenaView.Fighter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The end-of-match screen: winner and everyone's kills, deaths and hearts, best first. Pure. */
public final class ScoreboardRenderer {
    private ScoreboardRenderer() {
    }

    public static Screen render(ArenaView view, int cols, int rows, String footer) {
        Screen s = new Screen(cols, rows);
        s.text(2, 1, "SCOREBOARD");
        String winner = view.fighters().stream().filter(f -> f.index() == view.winnerIndex()).map(Fighter::name)
                .findFirst().orElse(null);
        s.text(2, 2, winner == null ? "draw: no winner" : "winner: " + winner);
        s.text(2, 4, String.format("%-3s %-16s %5s %6s", "#", "PLAYER", "KILLS", "DEATHS"));
        List<Fighter> order = new ArrayList<>(view.fighters());
        order.sort(Comparator.comparingInt(Fighter::kills).reversed().thenComparingInt(Fighter::deaths)
                .thenComparing(Fighter::name));
        for (int i = 0; i < order.size(); i++) {
            Fighter f = order.get(i);
            s.text(2, 5 + i, String.format("%-3d %-16s %5d %6d%s", i + 1, f.name(), f.kills(), f.deaths(), f.self() ? "  <- you" : ""));
        }
        if (footer != null) {
            s.text(2, Math.min(rows - 1, 7 + order.size()), footer);
        }
        return s;
    }
}
