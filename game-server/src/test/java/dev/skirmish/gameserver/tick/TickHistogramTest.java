package dev.skirmish.gameserver.tick;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickHistogramTest {
    @Test
    void ticksBelowTwentyMillisecondsKeepTenMicrosecondBuckets() {
        TickHistogram h = new TickHistogram();
        for (int i = 0; i < 98; i++) {
            h.record(80_000); // 0.08 ms, a hosted match's usual tick
        }
        h.record(1_995_000);
        h.record(2_004_000); // either side of the 2 ms bar
        assertThat(h.percentileMs(0.5)).isEqualTo(0.09); // upper edge of its 10 µs bucket
        assertThat(h.percentileMs(0.99)).isEqualTo(2.0);
        assertThat(h.percentileMs(1.0)).isEqualTo(2.004);
        assertThat(h.count()).isEqualTo(100);
    }

    @Test
    void longerOnesLandInMillisecondBucketsUpToTwoHundredAndTheMaxStaysExact() {
        TickHistogram h = new TickHistogram();
        h.record(25_300_000);
        assertThat(h.percentileMs(0.5)).isEqualTo(25.3); // the bucket's upper edge (26 ms) capped by the max
        h.record(30_000_000);
        assertThat(h.percentileMs(0.5)).isEqualTo(26.0);
        h.record(5_000_000_000L);
        assertThat(h.maxMs()).isEqualTo(5000.0);
        assertThat(TickHistogram.index(5_000_000_000L)).isEqualTo(TickHistogram.bucketCount() - 1);
    }

    /** Four per match: a match host pays this per match in RSS and clears a window's every second. */
    @Test
    void itsMemoryIsFixedAndSmall() {
        assertThat(TickHistogram.bucketCount() * Long.BYTES).isLessThan(20 * 1024);
        TickHistogram h = new TickHistogram();
        h.record(1_000_000);
        h.reset();
        assertThat(h.count()).isZero();
        assertThat(h.percentileMs(0.99)).isZero();
    }
}
