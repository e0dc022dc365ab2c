package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.InProcessServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --metrics-file}: what the benchmark harness reads, written when the server stops. */
@Timeout(60)
class MetricsFileTest {

    @Test
    void theServerWritesItsOwnMeasurementsWhenItStops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.json");
        try (InProcessServer s = new InProcessServer("s-metrics", "--players", "alice,bob",
                "--metrics-file", file.toString());
             Bot alice = new Bot(s.token("alice"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client.latestSnapshot() != null
                    && alice.client.latestSnapshot().tick() > 60);
        }
        String json = Files.readString(file);
        assertThat(number(json, "ticks")).isGreaterThan(60);
        double wallMax = number(json, "tick_ms_max");
        assertThat(number(json, "tick_ms_p50")).isPositive().isLessThanOrEqualTo(number(json, "tick_ms_p99"));
        // the thread's own CPU time per tick never exceeds its wall-clock time (10 µs histogram buckets)
        assertThat(number(json, "tick_cpu_ms_p99")).isPositive().isLessThanOrEqualTo(wallMax + 0.01);
        assertThat(number(json, "tick_cpu_ms_max")).isLessThanOrEqualTo(wallMax + 0.01);
        assertThat(number(json, "max_packet_bytes")).isBetween(29.0, 1200.0);
        assertThat(number(json, "bytes_out")).isPositive();
        assertThat(number(json, "missed_ticks")).isNotNegative();
        assertThat(json).contains("\"tick_jitter_ms_p99\":", "\"delta_to_full_ratio\":", "\"dropped_inbound\":",
                "\"dropped_packets\":");
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":([-0-9.]+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
