package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.SnapshotPacket;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a server keeps per player between snapshots: only what can still be a baseline. Worlds kept for the whole
 * history (~3 s) survived several young collections of a match host and were promoted, so its GC pauses and old
 * generation grew with the number of players it hosts.
 */
class SnapshotSenderRetentionTest {
    @Test
    void snapshotsOlderThanTheAcknowledgedOneAreLetGo() {
        Random rnd = new Random(1);
        SnapshotSender sender = new SnapshotSender();
        WorldSnapshot world = Worlds.random(rnd, 6);
        for (long tick = 1; tick <= 3L * SnapshotSender.HISTORY; tick += 3) {
            world = Worlds.step(rnd, world);
            sender.build(tick, world, 0, null);
            if (tick > 9) {
                sender.acknowledge(tick - 6); // the client's ack, two sends behind
            }
        }
        // the acked snapshot and the two sent after it; never the history's 64
        assertThat(sender.retained()).isEqualTo(3);
    }

    @Test
    void theAcknowledgedSnapshotStaysTheBaselineAndOldAcksChangeNothing() {
        Random rnd = new Random(2);
        SnapshotSender sender = new SnapshotSender();
        WorldSnapshot world = Worlds.random(rnd, 4);
        for (long tick = 1; tick <= 30; tick++) {
            world = Worlds.step(rnd, world);
            sender.build(tick, world, 0, null);
        }
        sender.acknowledge(20);
        sender.acknowledge(12); // late, older: ignored, and it cannot bring back what was let go
        SnapshotPacket next = sender.build(31, Worlds.step(rnd, world), 0, null);
        assertThat(next.baselineTick()).isEqualTo(20);
        assertThat(sender.retained()).isEqualTo(12); // ticks 20..31
        sender.acknowledge(SnapshotPacket.NO_TICK); // the client reconnected: full snapshot next
        assertThat(sender.build(32, world, 0, null).baselineTick()).isEqualTo(SnapshotPacket.NO_TICK);
    }
}
