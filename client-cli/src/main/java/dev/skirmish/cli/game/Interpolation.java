package dev.skirmish.cli.game;

import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Other players are drawn a little in the past ({@link #DELAY_NANOS}), between the two snapshots around that
 * moment, so they glide instead of jumping from snapshot to snapshot. Not thread-safe: the owner synchronizes.
 */
public final class Interpolation {
    static final long DELAY_NANOS = 100_000_000L;
    private static final int KEEP = 16;

    private record Timed(long atNanos, WorldSnapshot world) {
    }

    private final Deque<Timed> buffer = new ArrayDeque<>();

    public void add(long atNanos, WorldSnapshot world) {
        buffer.addLast(new Timed(atNanos, world));
        while (buffer.size() > KEEP) {
            buffer.removeFirst();
        }
    }

    /** {x, y} in pixels of player {@code index} as shown at {@code nowNanos}, or null if never seen. */
    public float[] position(int index, long nowNanos) {
        long t = nowNanos - DELAY_NANOS;
        Timed before = null;
        Timed after = null;
        Iterator<Timed> it = buffer.iterator();
        while (it.hasNext()) {
            Timed e = it.next();
            if (e.world().players().get(index) == null) {
                continue;
            }
            if (e.atNanos() <= t) {
                before = e;
            } else {
                after = e;
                break;
            }
        }
        if (before == null && after == null) {
            return null;
        }
        if (before == null || after == null) {
            PlayerSnapshot p = (before != null ? before : after).world().players().get(index);
            return new float[] {p.xPixels(), p.yPixels()};
        }
        PlayerSnapshot a = before.world().players().get(index);
        PlayerSnapshot b = after.world().players().get(index);
        if (a.alive() != b.alive()) {
            // a respawn teleports: no gliding across the map
            return new float[] {b.xPixels(), b.yPixels()};
        }
        float f = (float) (t - before.atNanos()) / Math.max(1, after.atNanos() - before.atNanos());
        return new float[] {a.xPixels() + (b.xPixels() - a.xPixels()) * f, a.yPixels() + (b.yPixels() - a.yPixels()) * f};
    }
}
