package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.chat.ChatMembers;
import dev.skirmish.lobby.rooms.RoomService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Fan-out {@code node}: each node's copy of a room's members for the fan-out's members-only filter and the sender's
 * check of a chat line ({@link ChatMembers}), so a chat line costs no PostgreSQL query on the node that accepts it
 * nor on the nodes that deliver it (it cost one per line on each, the latter on the thread that reads RabbitMQ). PostgreSQL stays the truth: an entry is read from it and dropped when the room changes, which every
 * node learns from the room's event ({@code /topic/rooms/{id}}, on the same RabbitMQ subscription as its chat, so in
 * publish order: a line sent after a kick finds the entry dropped), when one of its players subscribes here to the
 * room (a join whose event is still on its way), all at once when events may have been missed ({@link #clear}: the
 * node's RabbitMQ connection was lost or made again, or its inbound queue refused a frame), and after
 * {@link #TTL_NANOS} whatever happens. The age bound was 2 s and the only cover for missed events; with missed
 * events covered it became 10 s (each room's members were read again every 2 s on a busy node: 2.2 % of a relay
 * node's CPU in the profile of docs/benchmarks.md, issue 15, and a PostgreSQL query per room and 2 s), and 60 s since
 * session 21 (each copy at most that, at least 45 s: {@link #lifetime}): at 10 s the re-reads were still over half of a node's PostgreSQL transactions at the goal's load (every
 * node holds every room, 500 rooms / 10 s = 50 autocommit reads a second per node). The bound only covers an event
 * lost without the node noticing, which nothing known produces (one ordered subscription; its loss and refusals
 * clear the copies). What is left is the event's transit time: a line published on this node
 * in the milliseconds between another node's kick and its event still reaches the kicked player here, and a kicked
 * player connected here may have one line accepted in that window. Bounded at
 * {@link #MAX_ROOMS} entries (all dropped when full; removed rooms leave with their event).
 */
@Component
@Profile("cluster")
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "node", matchIfMissing = true)
class RoomMembersCache implements ChatMembers {
    static final long TTL_NANOS = 60_000_000_000L;
    static final int MAX_ROOMS = 20_000;

    /** {@code expiresAt}: its read time plus a lifetime of its own ({@link #lifetime}). */
    private record Entry(Predicate<String> members, long expiresAt) {
    }

    private final Function<String, Predicate<String>> read;
    private final BiPredicate<String, String> readOne;
    /** {@link System#nanoTime} but in tests, which age the copies without waiting. */
    private final LongSupplier clock;
    /**
     * Room affinity: whether every event of a room reaches this node ({@link BridgeTopics#hears}). With the skip a node
     * hears a room's events only while it has a local subscriber of it (and the other nodes acked that), so a copy of
     * any other room would never be dropped by its events: such a room is read from PostgreSQL every time.
     */
    private final Predicate<String> hears;
    private final Map<String, Entry> byRoom = new ConcurrentHashMap<>();
    /** Bumped by every drop: a read that overlapped one is used once but not kept (it may predate the change). */
    private final AtomicLong drops = new AtomicLong();

    @Autowired
    RoomMembersCache(RoomService rooms, BridgeTopics topics) {
        this(rooms::members, rooms::isMember, System::nanoTime, topics::hears);
    }

    /** {@code read}: a room's members as PostgreSQL has them now; {@code readOne}: whether one player is among them. */
    RoomMembersCache(Function<String, Predicate<String>> read, BiPredicate<String, String> readOne) {
        this(read, readOne, System::nanoTime);
    }

    RoomMembersCache(Function<String, Predicate<String>> read, BiPredicate<String, String> readOne, LongSupplier clock) {
        this(read, readOne, clock, room -> true);
    }

    RoomMembersCache(Function<String, Predicate<String>> read, BiPredicate<String, String> readOne, LongSupplier clock, Predicate<String> hears) {
        this.hears = hears;
        this.read = read;
        this.readOne = readOne;
        this.clock = clock;
    }

    /**
     * A chat line's sender: a yes from the copy is as fresh as the fan-out's (the same event drops it); a no from a
     * copy read earlier is asked of PostgreSQL again, so a player whose join's event is still on its way is not
     * refused, and a stranger's lines cost what they cost before (one query) without dropping the room's copy.
     */
    @Override
    public boolean isMember(String playerId, String roomId) {
        Predicate<String> copy = fresh(roomId, clock.getAsLong());
        if (copy != null) return copy.test(playerId) || readOne.test(playerId, roomId);
        return members(roomId).test(playerId);
    }

    Predicate<String> members(String roomId) {
        long now = clock.getAsLong();
        Predicate<String> copy = fresh(roomId, now);
        if (copy != null) return copy;
        long stamp = drops.get();
        Predicate<String> current = read.apply(roomId);
        // a room whose events may not reach this node is not kept (its confirmation drops a copy that raced it: changed)
        if (drops.get() == stamp && hears.test(roomId)) {
            if (byRoom.size() >= MAX_ROOMS) byRoom.clear();
            var entry = new Entry(current, now + lifetime());
            byRoom.put(roomId, entry);
            // a drop between the check and the put: its removal may have come first, so this one takes it back
            if (drops.get() != stamp) byRoom.remove(roomId, entry);
        }
        return current;
    }

    /**
     * A new copy's lifetime, drawn at random between three quarters of {@link #TTL_NANOS} (exclusive) and all of it.
     * Copies are read together (every room when the chat starts, or after {@link #clear}); with one lifetime for all
     * they were read again together too, 500 rooms' reads within a second on the threads that fan out (tail25: a
     * burst of late deliveries 60 s into the chat). Spread over 15 s they are ~33 reads a second per node instead of
     * a burst, and on average about a seventh more of them than with 60 s for all (a mean lifetime of 52.5 s).
     */
    private static long lifetime() {
        return TTL_NANOS - ThreadLocalRandom.current().nextLong(TTL_NANOS / 4);
    }

    /** The room's copy if its lifetime has not run out at {@code now}, else null. */
    private Predicate<String> fresh(String roomId, long now) {
        Entry e = byRoom.get(roomId);
        return e != null && now - e.expiresAt() < 0 ? e.members() : null;
    }

    /** The room changed (its event passed this node's broker, or a player of this node subscribed to it). */
    void changed(String roomId) {
        drops.incrementAndGet();
        byRoom.remove(roomId);
    }

    /** Events from other nodes may have been missed: every copy is read again from PostgreSQL. */
    void clear() {
        drops.incrementAndGet();
        // a flood of refused frames calls this per frame: the walk of an emptied table is skipped
        if (!byRoom.isEmpty()) byRoom.clear();
    }

    int size() {
        return byRoom.size();
    }
}
