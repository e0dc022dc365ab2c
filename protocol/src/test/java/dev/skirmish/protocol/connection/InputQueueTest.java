package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputQueueTest {
    static InputPacket packet(long newest, int count) {
        List<InputFrame> frames = new ArrayList<>();
        for (long s = newest; s > newest - count && s >= 1; s--) {
            frames.add(new InputFrame(s, s % 2 == 0 ? InputFrame.JUMP : 0));
        }
        return new InputPacket(0, 0, frames);
    }

    @Test
    void redundantCopiesAreAppliedOnceInOrder() {
        InputQueue q = new InputQueue();
        assertThat(q.offer(packet(1, 8))).isEqualTo(1);
        assertThat(q.offer(packet(2, 8))).isEqualTo(1);
        assertThat(q.offer(packet(2, 8))).as("duplicate").isZero();
        assertThat(q.poll().map(InputFrame::sequence)).contains(1L);
        assertThat(q.poll().map(InputFrame::sequence)).contains(2L);
        assertThat(q.poll()).isEmpty();
        assertThat(q.lastApplied()).isEqualTo(2);
        assertThat(q.offer(packet(1, 1))).as("stale").isZero();
    }

    @Test
    void aLostPacketIsCoveredByTheNextOne() {
        InputQueue q = new InputQueue();
        q.offer(packet(1, 8));
        q.poll();
        // packets 2 and 3 lost; packet 4 carries 4,3,2,1
        assertThat(q.offer(packet(4, 8))).isEqualTo(3);
        assertThat(q.poll().map(InputFrame::sequence)).contains(2L);
    }

    @Test
    void atMostTheCreditIsQueuedAndFutureInputsAreRefused() {
        InputQueue q = new InputQueue();
        q.offer(packet(8, 8));
        assertThat(q.size()).isEqualTo(InputQueue.MAX_QUEUED);
        assertThat(q.poll().map(InputFrame::sequence)).contains(5L);
        assertThat(q.offer(packet(5 + InputQueue.MAX_AHEAD + 10, 1))).isZero();
        assertThat(q.dropped()).isEqualTo(5);
        int applied = 0;
        while (q.poll().isPresent()) {
            applied++;
        }
        assertThat(applied).isEqualTo(3);
        assertThat(Optional.of(q.lastApplied())).contains(8L);
    }

    /** After an outage longer than MAX_AHEAD ticks the client really is that far on: believe it, count the gap. */
    @Test
    void aClientThatStaysFarAheadAfterAnOutageIsResynchronized() {
        InputQueue q = new InputQueue();
        q.offer(packet(1, 1));
        q.poll();
        long next = 1 + 180; // a 3 s blackout at 60 Hz
        for (int i = 1; i < InputQueue.RESYNC_AFTER; i++) {
            assertThat(q.offer(packet(next++, 8))).isZero();
        }
        assertThat(q.offer(packet(next, 8))).isPositive();
        assertThat(q.poll().map(InputFrame::sequence)).contains(next - 3);
        assertThat(q.missed()).as("inputs 2..180, lost in the blackout").isEqualTo(179);
    }
}
