package dev.skirmish.cli.bots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void nearestRankPercentiles() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Latencies.percentile(hundred, 0.50)).isEqualTo(50);
        assertThat(Latencies.percentile(hundred, 0.90)).isEqualTo(90);
        assertThat(Latencies.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(Latencies.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        assertThat(Latencies.percentile(new long[0], 0.5)).isZero();
    }

    @Test
    void statsPerOperationInMillisecondsWithErrorsCounted() {
        Latencies l = new Latencies();
        for (int i = 1; i <= 100; i++) {
            l.record("GET /api/rooms", i * 1_000_000L, i > 98);
        }
        l.record("POST /api/players/guest", 5_000_000L, false);
        var stats = l.stats();
        assertThat(stats).extracting(Latencies.Stat::operation).containsExactly("GET /api/rooms", "POST /api/players/guest");
        Latencies.Stat rooms = stats.getFirst();
        assertThat(rooms.count()).isEqualTo(100);
        assertThat(rooms.errors()).isEqualTo(2);
        assertThat(rooms.p50()).isEqualTo(50.0);
        assertThat(rooms.p90()).isEqualTo(90.0);
        assertThat(rooms.p99()).isEqualTo(99.0);
        assertThat(rooms.max()).isEqualTo(100.0);
        assertThat(l.table()).contains("OPERATION").containsPattern("GET /api/rooms +100 +2 +50\\.0 +90\\.0 +99\\.0 +100\\.0");
        assertThat(l.asMap()).containsKey("POST /api/players/guest");
    }

    @Test
    void keepsABoundedUniformSampleButCountsEverything() {
        Latencies l = new Latencies();
        int n = Latencies.MAX_SAMPLES + 50_000;
        for (int i = 0; i < n; i++) {
            l.record("x", 1_000_000L, false);
        }
        l.record("x", 900_000_000L, false);
        Latencies.Stat s = l.stats().getFirst();
        assertThat(s.count()).isEqualTo(n + 1);
        assertThat(s.p50()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(900.0);
    }

    @Test
    void nothingMeasuredPrintsNothing() {
        assertThat(new Latencies().table()).isEmpty();
    }
}
