package dev.skirmish.lobby.ops;

import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the three {@code lobby.rooms{state}} gauges read: the rooms by state from one grouped statement, kept while
 * this node changed no room and for at most {@link #MAX_AGE_NANOS}. A scrape reads the three gauges one after the
 * other, so it makes one statement (one pool borrow) instead of three. Kept no longer than that: another node's
 * changes show within it, and a change of this node at once (its count of changes moved), so the gauges are never
 * behind a change that has returned to its caller.
 */
final class RoomCounts {
    /** Longer than one scrape's reads of the three gauges, far shorter than any scrape interval (15 s shipped). */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private record Read(long atNanos, long changes, Map<RoomState, Long> byState) {}

    private final RoomService rooms;
    private final LongSupplier nanoTime;
    private volatile Read last;

    RoomCounts(RoomService rooms, LongSupplier nanoTime) {
        this.rooms = rooms;
        this.nanoTime = nanoTime;
    }

    long count(RoomState state) {
        Read r = last;
        long now = nanoTime.getAsLong(), changes = rooms.changes();
        if (r == null || r.changes() != changes || now - r.atNanos() > MAX_AGE_NANOS) {
            // the changes read before the statement: a change committed meanwhile makes the next read ask again
            r = new Read(now, changes, rooms.countByState());
            last = r;
        }
        return r.byState().getOrDefault(state, 0L);
    }
}
