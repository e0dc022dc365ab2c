package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code -Dskirmish.host.helper-policy=batch}: a real match host child process (the test's class path, no
 * matches, stdin held open) has its tick thread at SCHED_OTHER and every other thread at SCHED_BATCH; without the
 * property nothing changes. Read from {@code /proc/<pid>/task/<tid>/sched}; skipped without chrt or /proc.
 */
@Timeout(60)
class HelperPolicyTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_BATCH = 3;

    @Test
    void batchPutsEveryThreadButTheTickThreadAtSchedBatch() throws Exception {
        Map<String, Integer> policies = policiesOfAHost("-Dskirmish.host.helper-policy=batch");
        assertThat(policies).containsEntry("ticks", SCHED_OTHER);
        policies.forEach((thread, policy) -> {
            if (!thread.equals("ticks")) {
                assertThat(policy).as(thread).isEqualTo(SCHED_BATCH);
            }
        });
    }

    @Test
    void withoutThePropertyNothingChanges() throws Exception {
        Map<String, Integer> policies = policiesOfAHost("-Dskirmish.host.helper-policy=normal");
        assertThat(policies).containsKey("ticks");
        assertThat(policies.values()).containsOnly(SCHED_OTHER);
    }

    /** Thread name → policy, once the tick thread has set its own (polled with a deadline). */
    private static Map<String, Integer> policiesOfAHost(String property) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: Linux only");
        assumeTrue(onPath("chrt"), "no chrt (util-linux) on the PATH");
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), property,
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.skirmish.gameserver.GameServerMain", "--host", "--address", "127.0.0.1", "--orchestrator-url",
                "http://127.0.0.1:9", "--max-matches", "1").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Map<String, Integer> last = Map.of();
            while (System.nanoTime() < end) {
                last = policies(host.pid());
                boolean tickThreadSet = last.containsKey("ticks") && last.get("ticks") == SCHED_OTHER;
                boolean helpersSet = property.endsWith("=normal") || last.getOrDefault("VM Thread", -1) == SCHED_BATCH;
                if (tickThreadSet && helpersSet && last.size() > 3) {
                    // the tick thread sets its own policy after the host's; one more read sees both settled
                    TimeUnit.MILLISECONDS.sleep(200);
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

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
