package dev.skirmish.simulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable working copy of a {@link MatchState} during one step, plus the events it produced. Copy-on-step
 * keeps the rule code readable while {@link MatchState} stays immutable for everyone else.
 */
final class World {
    final MatchState from;
    final ArenaMap map;
    final MatchConfig config;
    int tick;
    MatchPhase phase;
    int ticksLeft;
    final Fighter[] fighters;
    final BombState[] bombs;
    final HeartPickup[] hearts;
    final Prng rng;
    final ArrayDeque<Integer> recentMarkers;
    final List<GameEvent> events = new ArrayList<>();

    private World(MatchState s) {
        from = s;
        map = s.map();
        config = s.config();
        tick = s.tick();
        phase = s.phase();
        ticksLeft = s.ticksLeft();
        fighters = new Fighter[s.players().size()];
        for (int i = 0; i < fighters.length; i++) {
            fighters[i] = new Fighter(s.players().get(i));
        }
        bombs = s.bombs().toArray(BombState[]::new);
        hearts = s.hearts().toArray(HeartPickup[]::new);
        rng = new Prng(s.rngState());
        recentMarkers = new ArrayDeque<>(s.recentMarkers());
    }

    static World of(MatchState s) {
        return new World(s);
    }

    MatchState freeze() {
        List<PlayerState> players = new ArrayList<>(fighters.length);
        for (Fighter f : fighters) {
            players.add(f.freeze());
        }
        return new MatchState(map, config, tick, phase, ticksLeft, players, List.of(bombs), List.of(hearts),
                rng.state(), List.copyOf(recentMarkers));
    }

    void emit(GameEvent e) {
        events.add(e);
    }

    boolean running() {
        return phase == MatchPhase.RUNNING;
    }
}
