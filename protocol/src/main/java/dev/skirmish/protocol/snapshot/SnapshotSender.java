package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.connection.EventOutbox;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import java.util.List;

/**
 * Server side, one per player: remembers what it sent for the last {@link #HISTORY} snapshots, picks the newest
 * one the client acknowledged as baseline, and fills each SNAPSHOT packet with unacknowledged reliable events
 * first and the delta-encoded world in the rest of the 1200 bytes.
 */
public final class SnapshotSender {
    /** Snapshots remembered as possible baselines; an ack older than this means a full snapshot. */
    public static final int HISTORY = 64;
    /** Bytes of a SNAPSHOT payload reserved for riding events at most. */
    public static final int EVENT_BUDGET_BYTES = 300;
    /** tick, baseline distance (a varint, at most 5), last input, event count. */
    private static final int HEADER_BYTES = 4 + 5 + 4 + 1;

    private final long[] ticks = new long[HISTORY];
    private final WorldSnapshot[] sent = new WorldSnapshot[HISTORY];
    private long ackedTick = SnapshotPacket.NO_TICK;
    private long fullCount;
    private long deltaCount;

    public SnapshotSender() {
        java.util.Arrays.fill(ticks, SnapshotPacket.NO_TICK);
    }

    /**
     * Takes the snapshot ack of an INPUT packet; acks for ticks never sent are ignored. "None yet"
     * ({@link SnapshotPacket#NO_TICK}) means the client holds no baseline (it just (re)connected): the next
     * snapshot is full.
     */
    public void acknowledge(long tick) {
        if (tick == SnapshotPacket.NO_TICK) {
            ackedTick = SnapshotPacket.NO_TICK;
            return;
        }
        if (tick < 0) {
            return;
        }
        int slot = (int) (tick % HISTORY);
        if (ticks[slot] == tick && (ackedTick == SnapshotPacket.NO_TICK || tick > ackedTick)) {
            ackedTick = tick;
            forgetOlderThan(tick);
        }
    }

    /**
     * Once a tick is acknowledged, older snapshots can never be a baseline again (older acks are ignored), so they
     * are let go at once instead of when their slot comes round again: kept for the whole history (64 sends, ~3 s at
     * 20/s) they outlived several young collections, and copying them from survivor space to survivor space, then
     * promoting them, was most of a match host's GC pause and its old generation's growth.
     */
    private void forgetOlderThan(long tick) {
        for (int i = 0; i < HISTORY; i++) {
            if (ticks[i] != SnapshotPacket.NO_TICK && ticks[i] < tick) {
                ticks[i] = SnapshotPacket.NO_TICK;
                sent[i] = null;
            }
        }
    }

    /** Snapshots still held as possible baselines (for tests). */
    int retained() {
        int n = 0;
        for (WorldSnapshot w : sent) {
            if (w != null) {
                n++;
            }
        }
        return n;
    }

    /** Builds the SNAPSHOT packet of {@code tick} (ticks must increase) for this player. */
    public SnapshotPacket build(long tick, WorldSnapshot world, long lastInputSequence, EventOutbox events) {
        return build(tick, new SnapshotEncodings(world), lastInputSequence, events);
    }

    /** As {@link #build(long, WorldSnapshot, long, EventOutbox)}, sharing encodings with the tick's other players. */
    public SnapshotPacket build(long tick, SnapshotEncodings shared, long lastInputSequence, EventOutbox events) {
        WorldSnapshot baseline = WorldSnapshot.EMPTY;
        long baselineTick = SnapshotPacket.NO_TICK;
        if (ackedTick != SnapshotPacket.NO_TICK && ticks[(int) (ackedTick % HISTORY)] == ackedTick
                && ackedTick < tick) {
            baselineTick = ackedTick;
            baseline = sent[(int) (ackedTick % HISTORY)];
        }
        List<NetEvent> riding = events == null ? List.of()
                : events.pending(SnapshotPacket.MAX_EVENTS, EVENT_BUDGET_BYTES);
        int eventBytes = NetEvent.listBytes(riding) - 1;
        int budget = PacketCodec.MAX_SEALED_PAYLOAD - HEADER_BYTES - eventBytes;
        SnapshotCodec.Encoded encoded = shared.encode(baseline, budget);
        int slot = (int) (tick % HISTORY);
        ticks[slot] = tick;
        sent[slot] = encoded.sent();
        if (baselineTick == SnapshotPacket.NO_TICK) {
            fullCount++;
        } else {
            deltaCount++;
        }
        return new SnapshotPacket(tick, baselineTick, lastInputSequence, riding, encoded.bytes());
    }

    public long fullSnapshotsSent() {
        return fullCount;
    }

    public long deltaSnapshotsSent() {
        return deltaCount;
    }
}
