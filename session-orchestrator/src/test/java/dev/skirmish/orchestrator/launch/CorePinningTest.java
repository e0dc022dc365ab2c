package dev.skirmish.orchestrator.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CorePinningTest {

    @Test
    void hostsSpreadOverTheCoresAndAFreedCoreIsTakenFirst() {
        CorePinning pinning = new CorePinning(List.of(2, 3), "/usr/bin/taskset");
        assertThat(List.of(pinning.claim(), pinning.claim(), pinning.claim(), pinning.claim()))
                .containsExactly(2, 3, 2, 3);
        pinning.release(3);
        assertThat(pinning.claim()).isEqualTo(3);
        pinning.release(7); // not one of ours: ignored
        assertThat(pinning.claim()).isEqualTo(2);
    }

    @Test
    void cpuListsParseAsTheKernelWritesThemAndGarbageGivesNoCores() {
        assertThat(CorePinning.parseCpuList("0-3,8,10-11\n")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CorePinning.parseCpuList("5")).containsExactly(5);
        assertThat(CorePinning.parseCpuList("3-1")).isEmpty();
        assertThat(CorePinning.parseCpuList("0-1-2")).isEmpty();
        assertThat(CorePinning.parseCpuList("a-b")).isEmpty();
        assertThat(CorePinning.parseCpuList("0-99999")).isEmpty();
    }

    /** A real child started with the prefix runs on the claimed core only (what the tick thread relies on). */
    @Test
    void aProcessStartedWithThePrefixMayRunOnItsCoreOnly() throws Exception {
        Optional<CorePinning> pinning = CorePinning.forThisMachine();
        assumeTrue(pinning.isPresent(), "taskset or /proc/self/status missing: pinning is off here");
        int core = pinning.get().claim();
        List<String> cmd = new ArrayList<>(pinning.get().prefix(core));
        cmd.addAll(List.of("sleep", "5"));
        Process child = new ProcessBuilder(cmd).start();
        try {
            String allowed = awaitAllowedList(child.pid(), Duration.ofSeconds(5));
            assertThat(CorePinning.parseCpuList(allowed)).containsExactly(core);
        } finally {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** taskset sets the mask and then execs: poll until the child is sleep, not taskset any more. */
    private static String awaitAllowedList(long pid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path status = Path.of("/proc", Long.toString(pid), "status");
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(status);
            if (lines.stream().anyMatch(l -> l.startsWith("Name:") && l.contains("sleep"))) {
                return lines.stream().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1)).orElseThrow();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child never became sleep");
    }
}
