package dev.skirmish.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Test fixture: small maps, running matches and state edits (through the package's own working copy). */
final class Arena {
    private Arena() {
    }

    /** 20x8 tiles, floor top at y = 224: a player standing on it has y = 210. */
    static final String FLAT = """
            ####################
            #..................#
            #..................#
            #..................#
            #..................#
            #..................#
            #S................S#
            ####################
            """;

    static final float FLOOR_Y = 7 * 32 - Rules.PLAYER_HALF_HEIGHT;

    static MatchState running(String map, int players) {
        return running(ArenaMap.parse(map), new MatchConfig(60, 180, 42), players);
    }

    static MatchState running(ArenaMap map, MatchConfig config, int players) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            names.add("p" + i);
        }
        MatchState s = MatchState.initial(map, config, names);
        for (int i = 0; i < players; i++) {
            s = s.withPlayerConnected(i, true);
        }
        return s.start();
    }

    /** Applies an edit to one player through a working copy. */
    static MatchState edit(MatchState s, int id, Consumer<Fighter> change) {
        World w = World.of(s);
        change.accept(w.fighters[id]);
        return w.freeze();
    }

    static MatchState place(MatchState s, int id, float x, float y, boolean facingLeft) {
        return edit(s, id, f -> {
            f.x = x;
            f.y = y;
            f.vx = 0;
            f.vy = 0;
            f.facingLeft = facingLeft;
            f.grounded = true;
        });
    }

    static MatchState hearts(MatchState s, int id, int hearts) {
        return edit(s, id, f -> f.hearts = hearts);
    }

    static Map<Integer, PlayerInput> inputs(Object... idThenBits) {
        Map<Integer, PlayerInput> m = new HashMap<>();
        for (int i = 0; i < idThenBits.length; i += 2) {
            m.put((Integer) idThenBits[i], PlayerInput.fromBits(1, (Integer) idThenBits[i + 1]));
        }
        return m;
    }

    /** Steps {@code n} times with the same inputs, collecting all events. */
    static Run run(MatchState s, int n, Map<Integer, PlayerInput> in) {
        List<GameEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StepResult r = Simulation.step(s, in);
            s = r.state();
            events.addAll(r.events());
        }
        return new Run(s, events);
    }

    static Run idle(MatchState s, int n) {
        return run(s, n, Map.of());
    }

    record Run(MatchState state, List<GameEvent> events) {
        <T extends GameEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
