package dev.skirmish.cli.render;

import dev.skirmish.cli.render.ArenaView.Fighter;
import dev.skirmish.cli.render.ArenaView.Item;
import dev.skirmish.simulation.ArenaMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pure function from an {@link ArenaView} to a {@link Screen}. Two HUD rows (clock and status, then everyone's
 * hearts and score) above the map; one map tile is two columns by one row, so the 40x24 arena fills 80x26.
 */
public final class ArenaRenderer {
    public static final int HUD_ROWS = 2;
    public static final int COLS_PER_TILE = 2;
    public static final char WALL = '#';
    public static final char SELF = '@';
    public static final char HEART = '♥';
    public static final char BOMB = 'o';
    public static final char LIT_BOMB = '*';
    private static final int LABEL_MAX = 8;
    private static final int SHOT_CELLS = 6;

    private ArenaRenderer() {
    }

    public static Screen render(ArenaView view, int cols, int rows) {
        Screen s = new Screen(cols, rows);
        hud(s, view);
        ArenaMap map = view.map();
        for (int r = 0; r < map.height(); r++) {
            for (int c = 0; c < map.width(); c++) {
                if (map.isSolid(c, r)) {
                    s.put(c * COLS_PER_TILE, HUD_ROWS + r, WALL);
                    s.put(c * COLS_PER_TILE + 1, HUD_ROWS + r, WALL);
                }
            }
        }
        for (Item i : view.items()) {
            char glyph = i.kind() == 1 ? (i.state() == 1 ? HEART : ' ') : i.state() == 2 ? LIT_BOMB : i.state() == 1 ? BOMB : ' ';
            if (glyph != ' ') {
                s.put(col(map, i.x()), row(map, i.y()), glyph);
            }
        }
        // the own player last, so it is never hidden behind someone else
        List<Fighter> order = new ArrayList<>(view.fighters());
        order.sort(Comparator.comparing(Fighter::self));
        for (Fighter f : order) {
            if (!f.alive()) {
                continue;
            }
            int c = col(map, f.x());
            int r = row(map, f.y());
            s.put(c, r, glyph(f));
            int dir = f.facingLeft() ? -1 : 1;
            if (f.action() >= 1 && f.action() <= 3) {
                s.put(c + dir, r, f.facingLeft() ? '\\' : '/');
            } else if (f.action() == 4) {
                for (int k = 1; k <= SHOT_CELLS; k++) {
                    s.put(c + dir * k, r, '-');
                }
            }
            String label = label(f);
            s.text(c - label.length() / 2, r - 1, label);
        }
        return s;
    }

    static char glyph(Fighter f) {
        if (f.self()) {
            return SELF;
        }
        char first = f.name().isEmpty() ? '?' : Character.toUpperCase(f.name().charAt(0));
        return f.connected() ? first : Character.toLowerCase(first);
    }

    static String label(Fighter f) {
        String name = f.name().length() > LABEL_MAX - 3 ? f.name().substring(0, LABEL_MAX - 3) : f.name();
        return name + String.valueOf(HEART).repeat(Math.max(0, Math.min(3, f.hearts())));
    }

    private static void hud(Screen s, ArenaView v) {
        String phase = switch (v.phase()) {
            case 0 -> "waiting for players";
            case 1 -> "fight!";
            default -> "match over";
        };
        String clock = String.format("%d:%02d", v.secondsLeft() / 60, v.secondsLeft() % 60);
        s.text(0, 0, "SKIRMISH  " + clock + "  " + phase + (v.status() == null || v.status().isEmpty() ? "" : "  | " + v.status()));
        StringBuilder scores = new StringBuilder();
        for (Fighter f : v.fighters()) {
            scores.append(f.self() ? "[" : "").append(f.name()).append(f.self() ? "]" : "").append(' ')
                    .append(String.valueOf(HEART).repeat(Math.max(0, f.hearts()))).append(' ')
                    .append(f.kills()).append('/').append(f.deaths()).append("   ");
        }
        s.text(0, 1, scores.toString());
    }

    public static int col(ArenaMap map, float x) {
        return (int) Math.floor(x / map.tileSize() * COLS_PER_TILE);
    }

    public static int row(ArenaMap map, float y) {
        return HUD_ROWS + (int) Math.floor(y / map.tileSize());
    }
}
