package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dskirmish.host.helper-policy=batch}: a real match host child process (the test's class path, no
 * matches, stdin held open) has its tick thread at SCHED_OTHER and every other thread at SCHED_BATCH. The default
 * {@code -Dskirmish.host.tick-policy=fifo}: the tick and VM threads alone at SCHED_FIFO, with reset-on-fork;
 * {@code normal} changes nothing, and without the privilege the host runs as with {@code normal} and says why.
 * Read from {@code /proc/<pid>/task/<tid>/sched}; skipped without chrt or /proc (and the real-time case without the
 * privilege to set it).
 */
@Timeout(60)
class HelperPolicyTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    private static final int SCHED_BATCH = 3;

    @TempDir
    Path dir;

    @Test
    void batchPutsEveryThreadButTheTickThreadAtSchedBatch() throws Exception {
        Map<String, Integer> policies = policiesOfAHost(List.of(), List.of("-Dskirmish.host.helper-policy=batch",
                "-Dskirmish.host.tick-policy=normal"), p -> p.getOrDefault("VM Thread", -1) == SCHED_BATCH, pid -> { });
        assertThat(policies).containsEntry("ticks", SCHED_OTHER);
        policies.forEach((thread, policy) -> {
            if (!thread.equals("ticks")) {
                assertThat(policy).as(thread).isEqualTo(SCHED_BATCH);
            }
        });
    }

    @Test
    void normalChangesNothing() throws Exception {
        Map<String, Integer> policies = policiesOfAHost(List.of(), List.of("-Dskirmish.host.tick-policy=normal"),
                p -> true, pid -> { });
        assertThat(policies).containsKey("ticks");
        assertThat(policies.values()).containsOnly(SCHED_OTHER);
    }

    /**
     * The default, with the privilege: the tick thread and the VM thread (the collector's pauses) real-time, nothing
     * else: a helper at SCHED_FIFO would take the tick thread's core, and a thread the tick thread starts (a virtual
     * threads' carrier, created by the thread that submits) would inherit the policy without reset-on-fork; both
     * checked.
     */
    @Test
    void byDefaultTheTickAndVmThreadsAloneAreAtSchedFifoWithResetOnFork() throws Exception {
        assumeTrue(mayUseRealTime(), "no CAP_SYS_NICE and no RLIMIT_RTPRIO: the host would log and run as before");
        Map<String, Integer> policies = policiesOfAHost(List.of(), List.of(),
                p -> p.getOrDefault("ticks", -1) == SCHED_FIFO && p.getOrDefault("VM Thread", -1) == SCHED_FIFO, p -> {
                    String tid = tickThreadId(p);
                    Process chrt = new ProcessBuilder("chrt", "--pid", tid).redirectErrorStream(true).start();
                    String shown = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    chrt.waitFor(5, TimeUnit.SECONDS);
                    assertThat(shown).contains("SCHED_FIFO|SCHED_RESET_ON_FORK").contains("priority: 1");
                });
        assertThat(policies).containsEntry("ticks", SCHED_FIFO).containsEntry("VM Thread", SCHED_FIFO);
        policies.forEach((thread, policy) -> {
            if (!thread.equals("ticks") && !thread.equals("VM Thread")) {
                assertThat(policy).as(thread).isEqualTo(SCHED_OTHER);
            }
        });
    }

    /**
     * The default where the privilege is missing (a container without CAP_SYS_NICE): the host still starts and
     * ticks, every thread at SCHED_OTHER, and its log says why and how to stop the attempt. The privilege is
     * dropped with {@code setpriv}; fails if a failed {@code chrt} stopped the host or went unreported.
     */
    @Test
    void withoutThePrivilegeTheDefaultRunsAtNormalSchedulingAndSaysWhy() throws Exception {
        assumeTrue(onPath("setpriv"), "no setpriv (util-linux) to drop CAP_SYS_NICE");
        assumeTrue(!rtprioLimitAboveZero(), "RLIMIT_RTPRIO > 0: real time is allowed without the capability");
        Path log = dir.resolve("host.log");
        Map<String, Integer> policies = policiesOfAHost(List.of("setpriv", "--bounding-set", "-sys_nice", "--inh-caps",
                "-sys_nice"), List.of(), p -> true, pid -> await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.readString(log).contains("tick thread at normal scheduling")), log);
        assertThat(policies).containsKey("ticks");
        assertThat(policies.values()).containsOnly(SCHED_OTHER);
        assertThat(Files.readString(log)).contains("CAP_SYS_NICE").contains("-Dskirmish.host.tick-policy=normal");
        // one line, as docs/architecture.md promises: not chrt's own failure as a second warning
        assertThat(Files.readString(log)).doesNotContain("exited with");
    }

    /**
     * A mistyped value ({@code fifoo}, {@code Normal}) once ran the tick thread real-time, since every value other
     * than {@code normal} meant fifo: the host now refuses to start, exit code 2, and names the setting.
     */
    @Test
    void aMistypedPolicyStopsTheHostWithAClearError() throws Exception {
        for (String property : List.of("-Dskirmish.host.tick-policy=Normal", "-Dskirmish.host.helper-policy=bacth")) {
            Path log = dir.resolve("refused.log");
            Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), property,
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), "dev.skirmish.gameserver.GameServerMain",
                    "--host", "--address", "127.0.0.1", "--orchestrator-url", "http://127.0.0.1:9", "--max-matches", "1")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(host.waitFor(20, TimeUnit.SECONDS)).as(property + " stops the host").isTrue();
                assertThat(host.exitValue()).isEqualTo(2);
                assertThat(Files.readString(log)).contains(property.substring(2, property.indexOf('=')))
                        .contains("must be").doesNotContain("Exception");
            } finally {
                host.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private interface HostCheck {
        void check(long pid) throws Exception;
    }

    private Map<String, Integer> policiesOfAHost(List<String> prefix, List<String> properties,
            Predicate<Map<String, Integer>> settled, HostCheck whileUp) throws Exception {
        return policiesOfAHost(prefix, properties, settled, whileUp, dir.resolve("host.log"));
    }

    /**
     * Thread name → policy, once the tick thread exists and {@code settled} holds (polled with a deadline);
     * {@code whileUp} runs before the host is stopped. The host's output goes to {@code log}.
     */
    private static Map<String, Integer> policiesOfAHost(List<String> prefix, List<String> properties,
            Predicate<Map<String, Integer>> settled, HostCheck whileUp, Path log) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: Linux only");
        assumeTrue(onPath("chrt"), "no chrt (util-linux) on the PATH");
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.addAll(List.of("-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.skirmish.gameserver.GameServerMain", "--host", "--address", "127.0.0.1", "--orchestrator-url",
                "http://127.0.0.1:9", "--max-matches", "1"));
        Process host = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Map<String, Integer> last = Map.of();
            while (System.nanoTime() < end) {
                last = policies(host.pid());
                if (last.containsKey("ticks") && last.size() > 3 && settled.test(last)) {
                    // the tick thread sets its own policy after the host's; one more read sees both settled
                    TimeUnit.MILLISECONDS.sleep(200);
                    whileUp.check(host.pid());
                    return policies(host.pid());
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            return last;
        } finally {
            host.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Integer> policies(long pid) throws IOException {
        Map<String, Integer> m = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip();
                    for (String line : Files.readAllLines(t.resolve("sched"))) {
                        if (line.startsWith("policy")) {
                            m.merge(name, Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()), Math::max);
                        }
                    }
                } catch (IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return m;
    }

    private static String tickThreadId(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                if (Files.readString(t.resolve("comm")).strip().equals("ticks")) {
                    return t.getFileName().toString();
                }
            }
        }
        throw new IllegalStateException("no tick thread in " + pid);
    }

    /** CAP_SYS_NICE (bit 23 of the effective set) or a real-time priority limit above 0. */
    private static boolean mayUseRealTime() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:") && (Long.parseLong(line.substring(7).strip(), 16) & (1L << 23)) != 0) {
                return true;
            }
        }
        return rtprioLimitAboveZero();
    }

    private static boolean rtprioLimitAboveZero() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max realtime priority")) {
                String soft = line.substring("Max realtime priority".length()).strip().split("\\s+")[0];
                return soft.equals("unlimited") || Integer.parseInt(soft) > 0;
            }
        }
        return false;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
