package dev.skirmish.protocol.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.connection.EventOutbox;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    @Property(tries = 300)
    void deltaAgainstAnyBaselineRoundTrips(@ForAll long seed, @ForAll @IntRange(min = 0, max = 64) int players,
                                           @ForAll @IntRange(min = 0, max = 64) int baselinePlayers) {
        Random rnd = new Random(seed);
        WorldSnapshot baseline = Worlds.random(rnd, baselinePlayers);
        WorldSnapshot current = rnd.nextBoolean() ? Worlds.step(rnd, baseline) : Worlds.random(rnd, players);
        SnapshotCodec.Encoded enc = SnapshotCodec.encode(baseline, current, 100_000);
        assertThat(enc.sent()).isEqualTo(current);
        assertThat(SnapshotCodec.decode(baseline, enc.bytes())).contains(current);
    }

    @Property(tries = 200)
    void aSmallBudgetSendsLessButTheClientHoldsExactlyWhatTheServerRecorded(
            @ForAll long seed, @ForAll @IntRange(min = 60, max = 1100) int budget) {
        Random rnd = new Random(seed);
        WorldSnapshot baseline = Worlds.random(rnd, 40);
        WorldSnapshot current = Worlds.random(rnd, 64);
        SnapshotCodec.Encoded enc = SnapshotCodec.encode(baseline, current, budget);
        assertThat(enc.bytes().length).isLessThanOrEqualTo(budget);
        assertThat(SnapshotCodec.decode(baseline, enc.bytes())).contains(enc.sent());
    }

    @Test
    void unchangedWorldCostsAFewBytesAndMovementIsSmallerThanFull() {
        Random rnd = new Random(7);
        WorldSnapshot w = Worlds.random(rnd, 64);
        assertThat(SnapshotCodec.encode(w, w, 1200).bytes()).hasSizeLessThanOrEqualTo(6);
        int full = SnapshotCodec.encodeFull(w, 100_000).bytes().length;
        int delta = SnapshotCodec.encode(w, Worlds.step(rnd, w), 100_000).bytes().length;
        assertThat(delta).isLessThan(full);
    }

    @Property(tries = 50)
    void senderAndReceiverConvergeUnderLossAndStayUnder1200Bytes(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 0, max = 60) int lossPercent) {
        Random rnd = new Random(seed);
        SnapshotSender sender = new SnapshotSender();
        SnapshotReceiver receiver = new SnapshotReceiver();
        EventOutbox events = new EventOutbox();
        WorldSnapshot world = Worlds.random(rnd, 64);
        long lastDelivered = -1;
        WorldSnapshot lastDeliveredWorld = null;
        for (long tick = 1; tick <= 120; tick++) {
            world = Worlds.step(rnd, world);
            if (rnd.nextInt(10) == 0) {
                events.add(1, new byte[] {(byte) tick});
            }
            SnapshotPacket packet = sender.build(tick, world, tick, events);
            assertThat(PacketCodec.sealedSize(packet)).isLessThanOrEqualTo(1200);
            if (rnd.nextInt(100) >= lossPercent) {
                var decoded = receiver.receive(packet);
                assertThat(decoded).isPresent();
                lastDelivered = tick;
                lastDeliveredWorld = decoded.get();
                if (rnd.nextInt(100) >= lossPercent) {
                    sender.acknowledge(receiver.ackTick());
                }
            }
        }
        // a quiet period: the world stops changing and the last snapshots get through
        for (long tick = 121; tick <= 140; tick++) {
            SnapshotPacket packet = sender.build(tick, world, 0, events);
            lastDeliveredWorld = receiver.receive(packet).orElseThrow();
            sender.acknowledge(receiver.ackTick());
            lastDelivered = tick;
        }
        assertThat(lastDelivered).isEqualTo(140);
        assertThat(lastDeliveredWorld).isEqualTo(world);
        assertThat(sender.deltaSnapshotsSent()).isPositive();
    }

    @Test
    void receiverIgnoresDeltasAgainstUnknownBaselinesAndAcksOnlyWhatItDecoded() {
        Random rnd = new Random(3);
        SnapshotReceiver receiver = new SnapshotReceiver();
        WorldSnapshot a = Worlds.random(rnd, 4);
        WorldSnapshot b = Worlds.step(rnd, a);
        SnapshotPacket delta = new SnapshotPacket(5, 4, 0, List.of(), SnapshotCodec.encode(a, b, 1000).bytes());
        assertThat(receiver.receive(delta)).isEmpty();
        assertThat(receiver.ackTick()).isEqualTo(SnapshotPacket.NO_TICK);
        SnapshotPacket full = new SnapshotPacket(4, SnapshotPacket.NO_TICK, 0, List.of(),
                SnapshotCodec.encodeFull(a, 1000).bytes());
        assertThat(receiver.receive(full)).contains(a);
        assertThat(receiver.receive(delta)).contains(b);
        assertThat(receiver.ackTick()).isEqualTo(5);
        assertThat(receiver.receive(full)).as("older than newest").isEmpty();
    }

    @Test
    void quantizationIsEighthPixelsAndWholeVelocities() {
        assertThat(Quantize.position(10.06)).isEqualTo(80);
        assertThat(Quantize.position(10.07)).isEqualTo(81);
        assertThat(Quantize.positionPixels(81)).isEqualTo(10.125f);
        assertThat(Quantize.velocity(-549.6)).isEqualTo(-550);
        assertThat(Quantize.position(Double.NaN)).isZero();
        assertThat(Quantize.position(1e300)).isEqualTo(Integer.MAX_VALUE);
    }
}
