package dev.skirmish.gameserver.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A match host's threads other than its tick thread at SCHED_BATCH ({@code -Dskirmish.host.helper-policy=batch};
 * default {@code normal}, nothing changed). The kernel lets a waking SCHED_BATCH thread wait for the running one's
 * slice instead of preempting it: the Netty event loop (a wake-up per datagram), the heartbeat senders and the JIT
 * then stop taking a tick thread's core in the middle of a tick, and still get the CPU they need as soon as it is
 * free. Applied with {@code chrt} (util-linux), which needs no privilege between these two policies; where it is
 * missing the host logs it and runs as before. The command line holds only the pid and a thread id.
 */
final class HelperPolicy {
    private static final Logger log = LoggerFactory.getLogger(HelperPolicy.class);
    static final boolean BATCH = "batch".equals(System.getProperty("skirmish.host.helper-policy", "normal"));

    private HelperPolicy() {
    }

    /** Every thread of this process at SCHED_BATCH; threads started later inherit it from their creator. */
    static void helpersBatch() {
        if (BATCH) {
            chrt(List.of("chrt", "--all-tasks", "--batch", "--pid", "0", Long.toString(ProcessHandle.current().pid())));
        }
    }

    /** The calling (tick) thread back at SCHED_OTHER, so its own wake-ups preempt batch threads as before. */
    static void tickThreadNormal() {
        if (!BATCH) {
            return;
        }
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            chrt(List.of("chrt", "--other", "--pid", "0", tid));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("tick thread's scheduling policy unchanged: {}", e.toString());
        }
    }

    private static void chrt(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("{} did not finish", command.getFirst());
            } else if (p.exitValue() != 0) {
                log.warn("{} exited with {}: scheduling policy unchanged", String.join(" ", command), p.exitValue());
            }
        } catch (IOException e) {
            log.warn("scheduling policy unchanged: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
