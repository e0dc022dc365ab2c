package dev.skirmish.protocol.snapshot;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The quantized world a client rebuilds from snapshots: what it renders and what it reconciles its prediction
 * against. Players and items are keyed by index. Built by the game server from its {@code MatchState}.
 */
public record WorldSnapshot(MatchInfo match, NavigableMap<Integer, PlayerSnapshot> players,
                            NavigableMap<Integer, ItemSnapshot> items) {
    public static final WorldSnapshot EMPTY = new WorldSnapshot(MatchInfo.EMPTY, new TreeMap<>(), new TreeMap<>());
    /** Index limit for players and items (u16 on the wire). */
    public static final int MAX_INDEX = 0xFFFF;

    public WorldSnapshot {
        // checked on the maps themselves, before wrapping: an unmodifiable map's entry iterator makes a wrapper per
        // entry, and the server builds a few worlds per tick per match
        NavigableMap<Integer, PlayerSnapshot> p = players instanceof HandedOver<?> ? players : new TreeMap<>(players);
        NavigableMap<Integer, ItemSnapshot> i = items instanceof HandedOver<?> ? items : new TreeMap<>(items);
        for (Map.Entry<Integer, PlayerSnapshot> e : p.entrySet()) {
            if (e.getKey() != e.getValue().index() || e.getKey() < 0 || e.getKey() > MAX_INDEX) {
                throw new IllegalArgumentException("player key/index mismatch or out of range: " + e.getKey());
            }
        }
        for (Map.Entry<Integer, ItemSnapshot> e : i.entrySet()) {
            if (e.getKey() != e.getValue().index() || e.getKey() < 0 || e.getKey() > MAX_INDEX) {
                throw new IllegalArgumentException("item key/index mismatch or out of range: " + e.getKey());
            }
        }
        players = Collections.unmodifiableNavigableMap(p);
        items = Collections.unmodifiableNavigableMap(i);
    }

    public static WorldSnapshot of(MatchInfo match, Iterable<PlayerSnapshot> players, Iterable<ItemSnapshot> items) {
        TreeMap<Integer, PlayerSnapshot> p = handOver();
        for (PlayerSnapshot s : players) {
            p.put(s.index(), s);
        }
        TreeMap<Integer, ItemSnapshot> i = handOver();
        for (ItemSnapshot s : items) {
            i.put(s.index(), s);
        }
        return new WorldSnapshot(match, p, i);
    }

    /**
     * A map this package builds for one new snapshot and never touches again once handed to the constructor, which
     * then wraps it instead of copying it: the server builds two or three worlds per tick per match, and the copies
     * were a good part of its garbage. Any other map is copied as before, so callers outside keep their guarantee.
     */
    static <V> TreeMap<Integer, V> handOver() {
        return new HandedOver<>();
    }

    private static final class HandedOver<V> extends TreeMap<Integer, V> {
    }
}
