package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.session.PlayerLink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ReliableEventsTest {

    @Property(tries = 100)
    void everyEventArrivesOnceAndInOrderDespiteLossAndReordering(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 0, max = 80) int loss) {
        Random rnd = new Random(seed);
        EventOutbox outbox = new EventOutbox();
        EventInbox inbox = new EventInbox();
        List<NetEvent> received = new ArrayList<>();
        int produced = 0;
        List<List<NetEvent>> inFlight = new ArrayList<>();
        for (int tick = 0; tick < 400; tick++) {
            if (tick < 300 && rnd.nextInt(3) == 0) {
                outbox.add(rnd.nextInt(5), new byte[] {(byte) produced++});
            }
            inFlight.add(outbox.pending(32, 300));
            Collections.shuffle(inFlight, rnd);
            while (inFlight.size() > 3) {
                List<NetEvent> packet = inFlight.removeFirst();
                if (rnd.nextInt(100) >= loss || tick >= 300) {
                    received.addAll(inbox.accept(packet));
                }
            }
            if (rnd.nextInt(100) >= loss || tick >= 300) {
                outbox.acknowledge(inbox.ack());
            }
        }
        assertThat(received).hasSize(produced);
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i).sequence()).isEqualTo(i + 1);
            assertThat(received.get(i).data()[0]).isEqualTo((byte) i);
        }
        assertThat(outbox.unackedCount()).isZero();
        assertThat(outbox.overflowed()).isFalse();
    }

    @Property(tries = 20)
    void aLongRoundTripDoesNotThrottleTheEventRate(@ForAll @IntRange(min = 1, max = 8) int roundTripSends) {
        // 300 events of 27 bytes (a pistol shot) at once; acks come back roundTripSends snapshots later
        EventOutbox outbox = new EventOutbox();
        EventInbox inbox = new EventInbox();
        for (int i = 0; i < 300; i++) {
            outbox.add(8, new byte[21]);
        }
        List<Long> acks = new ArrayList<>();
        int delivered = 0;
        int sends = 0;
        while (delivered < 300 && sends < 1000) {
            delivered += inbox.accept(outbox.pending(32, 300)).size();
            acks.add(inbox.ack());
            sends++;
            if (acks.size() > roundTripSends) {
                outbox.acknowledge(acks.removeFirst());
            }
        }
        // 11 events fit in the 300-byte budget: 28 snapshots at full rate. Resending every unacked event in every
        // snapshot would need 28 round trips instead (56..224 snapshots).
        assertThat(delivered).isEqualTo(300);
        if (roundTripSends < EventOutbox.RESEND_AFTER_SENDS) {
            assertThat(sends).isLessThanOrEqualTo(35); // nothing sent twice
        } else {
            assertThat(sends).isLessThanOrEqualTo(28 * roundTripSends / 2); // at least twice the old rate
        }
    }

    @Property(tries = 20)
    void acksFromTheFutureAreIgnored(@ForAll @IntRange(min = 1, max = 10) int n) {
        EventOutbox outbox = new EventOutbox();
        for (int i = 0; i < n; i++) {
            outbox.add(1, new byte[0]);
        }
        outbox.acknowledge(n + 5);
        assertThat(outbox.unackedCount()).isEqualTo(n);
        outbox.acknowledge(n);
        assertThat(outbox.unackedCount()).isZero();
    }

    @Property(tries = 5)
    void aClientThatNeverAcksOverflowsTheOutboxAndAReconnectionStartsClean(
            @ForAll @IntRange(min = 1, max = 100) int beyond) {
        PlayerLink link = new PlayerLink(0);
        for (int i = 0; i < EventOutbox.MAX_UNACKED; i++) {
            link.addEvent(1, new byte[0]);
        }
        assertThat(link.tooFarBehind()).isFalse(); // exactly full is still consistent
        for (int i = 0; i < beyond; i++) {
            link.addEvent(1, new byte[0]);
        }
        assertThat(link.tooFarBehind()).isTrue();
        assertThat(link.events().unackedCount()).isEqualTo(EventOutbox.MAX_UNACKED); // bounded, never grows

        link.resetBaselines(); // the player reconnected
        assertThat(link.tooFarBehind()).isFalse();
        EventInbox fresh = new EventInbox();
        List<NetEvent> got = fresh.accept(link.events().pending(32, 300));
        assertThat(got.getFirst().sequence()).isEqualTo(beyond + 1L); // the oldest kept, no gap for the new client
    }

    @Property(tries = 20)
    void aReconnectedClientPicksUpWhereTheServerIs(@ForAll @IntRange(min = 1, max = 50) int alreadyAcked) {
        EventOutbox outbox = new EventOutbox();
        for (int i = 0; i < alreadyAcked + 5; i++) {
            outbox.add(1, new byte[] {(byte) i});
        }
        outbox.acknowledge(alreadyAcked); // the old client saw these
        EventInbox fresh = new EventInbox();
        List<NetEvent> got = fresh.accept(outbox.pending(32, 300));
        assertThat(got).extracting(NetEvent::sequence).containsExactly(
                (long) alreadyAcked + 1, (long) alreadyAcked + 2, (long) alreadyAcked + 3, (long) alreadyAcked + 4,
                (long) alreadyAcked + 5);
        assertThat(fresh.ack()).isEqualTo(alreadyAcked + 5);
        assertThat(fresh.accept(outbox.pending(32, 300))).isEmpty();
    }
}
