package dev.skirmish.gameserver.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduling policies of a match host's threads. The tick thread at SCHED_FIFO ({@code -Dskirmish.host.tick-policy},
 * default {@code fifo} since issue 17's quiet A/B: tick p99 0.23-0.27 ms against 3.95-4.24 ms at 100 matches on
 * 2 cores; {@code normal} leaves every thread as it is): a real-time thread is never preempted by a normal one and preempts any normal one when
 * it wakes, so the JIT, the heartbeat senders, the other host's helpers, the orchestrator and the bots stop taking its
 * core in the middle of a tick (the slow ticks of issue 17 were that). The VM thread, which does the serial
 * collector's stop-the-world work while the tick thread waits, goes with it. Priority 1, the lowest, below the kernel's own
 * real-time threads; with reset-on-fork, so a thread it starts (a virtual threads' carrier) is normal again. It needs
 * CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 1; without it {@code chrt} fails, the host logs one warning and runs
 * at normal scheduling. The tick thread parks whenever no match is due (0.3-0.4 % of a core per match), and the kernel's
 * real-time throttling (95 % of a period by default) bounds it even when a host is given more than it can tick.
 * <p>
 * The host's threads other than its tick thread at SCHED_BATCH ({@code -Dskirmish.host.helper-policy=batch};
 * default {@code normal}, nothing changed). The kernel lets a waking SCHED_BATCH thread wait for the running one's
 * slice instead of preempting it: the Netty event loop (a wake-up per datagram), the heartbeat senders and the JIT
 * then stop taking a tick thread's core in the middle of a tick, and still get the CPU they need as soon as it is
 * free. Applied with {@code chrt} (util-linux), which needs no privilege between these two policies; where it is
 * missing the host logs it and runs as before. The command line holds only the pid and a thread id.
 */
final class HelperPolicy {
    private static final Logger log = LoggerFactory.getLogger(HelperPolicy.class);
    private static final String HELPER_POLICY = System.getProperty("skirmish.host.helper-policy", "normal");
    private static final String TICK_POLICY = System.getProperty("skirmish.host.tick-policy", "fifo");
    static final boolean BATCH = "batch".equals(HELPER_POLICY);
    static final boolean TICK_FIFO = "fifo".equals(TICK_POLICY);

    private HelperPolicy() {
    }

    /**
     * Null when both settings hold a known value, else what is wrong: the host refuses to start rather than guess
     * (a typo of {@code normal} would otherwise have run the tick thread real-time).
     */
    static String problem() {
        if (!TICK_POLICY.equals("fifo") && !TICK_POLICY.equals("normal")) {
            return "-Dskirmish.host.tick-policy must be fifo or normal, not '" + printable(TICK_POLICY) + "'";
        }
        if (!HELPER_POLICY.equals("batch") && !HELPER_POLICY.equals("normal")) {
            return "-Dskirmish.host.helper-policy must be batch or normal, not '" + printable(HELPER_POLICY) + "'";
        }
        return null;
    }

    private static String printable(String value) {
        String shown = value.length() > 32 ? value.substring(0, 32) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Every thread of this process at SCHED_BATCH; threads started later inherit it from their creator. */
    static void helpersBatch() {
        if (BATCH) {
            chrt(List.of("chrt", "--all-tasks", "--batch", "--pid", "0", Long.toString(ProcessHandle.current().pid())), true);
        }
    }

    /**
     * The calling (tick) thread at SCHED_FIFO with {@code tick-policy=fifo}; otherwise, with batch helpers, back at
     * SCHED_OTHER, so its own wake-ups preempt batch threads as before.
     */
    static void tickThread() {
        if (!BATCH && !TICK_FIFO) {
            return;
        }
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            if (!TICK_FIFO) {
                chrt(List.of("chrt", "--other", "--pid", "0", tid), true);
                return;
            }
            if (!chrt(List.of("chrt", "--reset-on-fork", "--fifo", "--pid", "1", tid), false)) {
                // the default: a host without the privilege says so in one line and runs at normal scheduling
                log.warn("tick thread at normal scheduling: SCHED_FIFO needs CAP_SYS_NICE or an RLIMIT_RTPRIO >= 1 "
                        + "(-Dskirmish.host.tick-policy=normal: no attempt)");
                return;
            }
            // a stop-the-world pause stops the tick thread too, and the serial collector's pause is the VM thread's
            // work: at SCHED_OTHER it waited for a core behind normal threads, and a 2 ms pause became 20-90 ms
            // (missed ticks) on a busy machine
            String vm = threadNamed("VM Thread");
            if (vm != null) {
                chrt(List.of("chrt", "--reset-on-fork", "--fifo", "--pid", "1", vm), true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("tick thread's scheduling policy unchanged: {}", e.toString());
        }
    }

    /** The id of this process's thread with that name ({@code /proc/self/task/TID/comm}), or null. */
    private static String threadNamed(String name) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).strip().equals(name)) {
                        return t.getFileName().toString();
                    }
                } catch (IOException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        log.warn("no thread named {}: its scheduling policy unchanged", name);
        return null;
    }

    /**
     * True when {@code chrt} ran and succeeded. A failed run is logged as a warning when {@code warn}, else at debug
     * (the caller then says what it means in its own one line).
     */
    private static boolean chrt(List<String> command, boolean warn) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("{} did not finish", command.getFirst());
                return false;
            } else if (p.exitValue() != 0) {
                if (warn) {
                    log.warn("{} exited with {}: scheduling policy unchanged", String.join(" ", command), p.exitValue());
                } else {
                    log.debug("{} exited with {}", String.join(" ", command), p.exitValue());
                }
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("scheduling policy unchanged: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
