package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.packet.SnapshotPacket;
import java.util.Optional;

/**
 * Client side: rebuilds worlds from SNAPSHOT packets, keeping the last {@link SnapshotSender#HISTORY} decoded ones as
 * baselines, and tells which tick to acknowledge (the newest decoded one: never one it could not decode).
 * Older-than-newest snapshots that arrive late are decoded for the history but not returned.
 */
public final class SnapshotReceiver {
    private final long[] ticks = new long[SnapshotSender.HISTORY];
    private final WorldSnapshot[] worlds = new WorldSnapshot[SnapshotSender.HISTORY];
    private long newestTick = SnapshotPacket.NO_TICK;
    private WorldSnapshot newest = WorldSnapshot.EMPTY;

    public SnapshotReceiver() {
        java.util.Arrays.fill(ticks, SnapshotPacket.NO_TICK);
    }

    /** The new world when this packet is the newest so far and decodes; empty otherwise. */
    public Optional<WorldSnapshot> receive(SnapshotPacket packet) {
        WorldSnapshot baseline;
        if (packet.isFull()) {
            baseline = WorldSnapshot.EMPTY;
        } else {
            int slot = (int) (packet.baselineTick() % SnapshotSender.HISTORY);
            if (ticks[slot] != packet.baselineTick()) {
                return Optional.empty(); // baseline unknown: wait for the next one
            }
            baseline = worlds[slot];
        }
        Optional<WorldSnapshot> world = SnapshotCodec.decode(baseline, packet.state());
        if (world.isEmpty()) {
            return Optional.empty();
        }
        int slot = (int) (packet.tick() % SnapshotSender.HISTORY);
        ticks[slot] = packet.tick();
        worlds[slot] = world.get();
        if (newestTick == SnapshotPacket.NO_TICK || packet.tick() > newestTick) {
            newestTick = packet.tick();
            newest = world.get();
            return world;
        }
        return Optional.empty();
    }

    /** The snapshot ack for INPUT packets. */
    public long ackTick() {
        return newestTick;
    }

    public WorldSnapshot newest() {
        return newest;
    }
}
