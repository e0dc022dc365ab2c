package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.report.MatchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' slow-tick diagnosis: off by default, and when on, a slow tick is written with where its time went. */
@Timeout(30)
class TickTraceTest {
    @TempDir
    Path dir;

    @Test
    void offUnlessItsPropertyIsSet() {
        assertThat(System.getProperty("skirmish.host.tick-trace")).isNull();
        assertThat(TickTrace.fromSystemProperties()).isNull();
    }

    @Test
    void aTickThatSleepsIsWrittenAsSlowAndOffCpu() throws Exception {
        Path file = dir.resolve("trace-%p.csv");
        Path written = dir.resolve("trace-" + ProcessHandle.current().pid() + ".csv");
        System.setProperty("skirmish.host.tick-trace", file.toString());
        MatchScheduler scheduler = new MatchScheduler(new MatchScheduler.Listener() {
            @Override
            public void over(Hosted match, MatchReport report) {
            }

            @Override
            public void crashed(Hosted match, Throwable why) {
            }
        });
        try {
            scheduler.start();
            scheduler.add(new ClockedMatch("s-slow") {
                @Override
                protected void onTick(long tick) {
                    // 3 ms, none of it on a CPU. A loop, because park returns early when the scheduler
                    // unparks its thread (add and close do), which once left a 2.3 ms tick in CI.
                    long until = System.nanoTime() + 3_000_000;
                    for (long left = 3_000_000; left > 0; left = until - System.nanoTime()) {
                        LockSupport.parkNanos(left);
                    }
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(written)
                    && Files.readString(written).contains("\nsecond,"));
        } finally {
            scheduler.close();
            System.clearProperty("skirmish.host.tick-trace");
        }
        String slow = Files.readAllLines(written).stream().filter(l -> l.startsWith("slow,")).findFirst().orElseThrow();
        String[] f = slow.split(",");
        assertThat(f[2]).isEqualTo("s-slow");
        long wallUs = Long.parseLong(f[4]);
        long cpuUs = Long.parseLong(f[5]);
        assertThat(wallUs).isGreaterThanOrEqualTo(2900);
        assertThat(cpuUs).isLessThan(wallUs / 2);
    }
}
