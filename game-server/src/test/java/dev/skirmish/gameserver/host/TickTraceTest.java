package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.report.MatchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        List<String> lines = traceOf(new ClockedMatch("s-slow") {
            @Override
            protected void onTick(long tick) {
                sleep(3_000_000); // 3 ms, none of it on a CPU
            }
        });
        String slow = lines.stream().filter(l -> l.startsWith("slow,")).findFirst().orElseThrow();
        String[] f = slow.split(",");
        assertThat(f[2]).isEqualTo("s-slow");
        long wallUs = Long.parseLong(f[4]);
        long cpuUs = Long.parseLong(f[5]);
        assertThat(wallUs).isGreaterThanOrEqualTo(2900);
        assertThat(cpuUs).isLessThan(wallUs / 2);
    }

    /**
     * A missed tick is a late start, not a long tick: a match whose tick starts behind another's 20 ms stall is
     * written as late (with the park before its pass), though its own tick does nothing.
     */
    @Test
    void aTickThatStartsLateBehindAnotherIsWrittenAsLate() throws Exception {
        List<String> lines = traceOf(new ClockedMatch("s-stall") {
            @Override
            protected void onTick(long tick) {
                sleep(20_000_000); // longer than a 60 Hz period
            }
        }, new ClockedMatch("s-victim"));
        List<String[]> late = lines.stream().filter(l -> l.startsWith("late,")).map(l -> l.split(","))
                .filter(f -> f[2].equals("s-victim")).toList();
        assertThat(late).isNotEmpty();
        for (String[] f : late) {
            assertThat(f).hasSize(11);
            assertThat(Long.parseLong(f[3])).as("lateness µs").isGreaterThanOrEqualTo(2000);
            assertThat(Long.parseLong(f[5])).as("park overshoot µs, -1 without a park").isGreaterThanOrEqualTo(-1);
        }
    }

    private static void sleep(long nanos) {
        // a loop, because park returns early when the scheduler unparks its thread (add and close do), which once
        // left a 2.3 ms tick in CI
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** The trace's lines once it has written its first second, with these matches in one scheduler. */
    private List<String> traceOf(Hosted... matches) throws Exception {
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
            for (Hosted m : matches) {
                scheduler.add(m);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(written)
                    && Files.readString(written).contains("\nsecond,"));
        } finally {
            scheduler.close();
            System.clearProperty("skirmish.host.tick-trace");
        }
        return Files.readAllLines(written);
    }
}
