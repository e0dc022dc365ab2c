package dev.skirmish.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs of a match, tick by tick: with the initial state this is enough to rebuild every later state,
 * which is how determinism is proven (and how a match can be replayed).
 *
 * @param entries in increasing tick order; ticks without an entry are stepped with no inputs
 */
public record InputLog(List<Entry> entries) {
    /** The inputs applied to the state at {@code tick} (producing tick + 1). */
    public record Entry(int tick, Map<Integer, PlayerInput> inputs) {
        public Entry {
            inputs = Map.copyOf(inputs);
        }
    }

    public InputLog {
        entries = List.copyOf(entries);
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).tick() <= entries.get(i - 1).tick()) {
                throw new IllegalArgumentException("input log ticks must increase: " + entries.get(i - 1).tick()
                        + " then " + entries.get(i).tick());
            }
        }
    }

    public static InputLog empty() {
        return new InputLog(List.of());
    }

    /** A new log with one more entry (its tick must be after the last one). */
    public InputLog with(int tick, Map<Integer, PlayerInput> inputs) {
        List<Entry> list = new ArrayList<>(entries);
        list.add(new Entry(tick, inputs));
        return new InputLog(list);
    }

    /** Steps {@code initial} through every entry and returns the state after the last one. */
    public static MatchState replay(MatchState initial, InputLog log) {
        MatchState s = initial;
        for (Entry e : log.entries()) {
            if (e.tick() < s.tick()) {
                throw new IllegalArgumentException("input log entry for tick " + e.tick() + " is before the state's tick "
                        + s.tick());
            }
            while (s.tick() < e.tick()) {
                s = Simulation.step(s, Map.of()).state();
            }
            s = Simulation.step(s, e.inputs()).state();
        }
        return s;
    }
}
