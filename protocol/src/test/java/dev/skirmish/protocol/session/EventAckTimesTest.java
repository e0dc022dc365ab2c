package dev.skirmish.protocol.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventAckTimesTest {
    @Test
    void eachAckedEventCountsTicksFromItsTickToTheAck() {
        EventAckTimes t = new EventAckTimes();
        t.added(1, 100);
        t.added(2, 101);
        t.added(3, 130);
        t.acknowledged(2, 106); // events 1 and 2: 6 and 5 ticks
        t.acknowledged(2, 200); // a repeated ack counts nothing
        t.acknowledged(3, 160); // event 3: 30 ticks
        long[] h = new long[EventAckTimes.buckets()];
        t.addTo(h);
        assertThat(t.count()).isEqualTo(3);
        assertThat(h[5]).isEqualTo(1);
        assertThat(h[6]).isEqualTo(1);
        assertThat(h[30]).isEqualTo(1);
        assertThat(EventAckTimes.percentile(h, 0.5)).isEqualTo(6);
        assertThat(EventAckTimes.percentile(h, 0.99)).isEqualTo(30);
        assertThat(EventAckTimes.percentile(new long[4], 0.99)).isEqualTo(-1);
    }

    /** A client acking events from the future neither loops to 2^32 nor stops the timing of its real acks. */
    @Test
    void anAckFromTheFutureIsIgnored() {
        EventAckTimes t = new EventAckTimes();
        t.added(1, 0);
        t.acknowledged(0xFFFF_FFFFL, 10);
        assertThat(t.count()).isZero();
        t.acknowledged(1, 12);
        assertThat(t.count()).isEqualTo(1);
        t.reset();
        long[] h = new long[EventAckTimes.buckets()];
        t.addTo(h);
        assertThat(h).containsOnly(0L);
    }
}
