package dev.skirmish.orchestrator.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives each match host a core of its own ({@code skirmish.orchestrator.host-cpu-affinity}): the host whose core
 * has the fewest hosts pinned to it starts under {@code taskset -c <core>}. A match host's tick thread runs its
 * matches' ticks back to back; left to the scheduler, two hosts' tick threads on two cores preempt each other in
 * the middle of a run, and that wait lands inside a tick (docs/benchmarks.md "Tick phases and preemption").
 * The cores are the ones this orchestrator may run on, so a container's cpuset is respected.
 */
final class CorePinning {
    private final int[] cores;
    private final int[] hostsOn;
    private final String taskset;

    CorePinning(List<Integer> cores, String taskset) {
        if (cores.isEmpty()) {
            throw new IllegalArgumentException("no cores to pin to");
        }
        this.cores = cores.stream().mapToInt(Integer::intValue).toArray();
        this.hostsOn = new int[this.cores.length];
        this.taskset = taskset;
    }

    /** The cores this process may run on and taskset on the PATH, or empty (pinning then stays off). */
    static Optional<CorePinning> forThisMachine() {
        Optional<String> taskset = onPath("taskset");
        if (taskset.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> cores = allowedCores();
        return cores.isEmpty() ? Optional.empty() : Optional.of(new CorePinning(cores, taskset.get()));
    }

    /** Claims the least used core; give it back with {@link #release} when the host exits. */
    synchronized int claim() {
        int best = 0;
        for (int i = 1; i < cores.length; i++) {
            if (hostsOn[i] < hostsOn[best]) {
                best = i;
            }
        }
        hostsOn[best]++;
        return cores[best];
    }

    synchronized void release(int core) {
        for (int i = 0; i < cores.length; i++) {
            if (cores[i] == core && hostsOn[i] > 0) {
                hostsOn[i]--;
                return;
            }
        }
    }

    /** The command prefix that starts a process on {@code core}; taskset execs the command, so the pid is the same. */
    List<String> prefix(int core) {
        return List.of(taskset, "-c", Integer.toString(core));
    }

    /** Parses a cpu list as /proc and sysfs write it ("0-3,8,10-11"); malformed input gives an empty list. */
    static List<Integer> parseCpuList(String list) {
        List<Integer> cores = new ArrayList<>();
        try {
            for (String part : list.trim().split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] range = part.trim().split("-");
                int from = Integer.parseInt(range[0].trim());
                int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                if (range.length > 2 || from < 0 || to < from || to - from > 4096) {
                    return List.of();
                }
                for (int c = from; c <= to; c++) {
                    cores.add(c);
                }
            }
        } catch (NumberFormatException e) {
            return List.of();
        }
        return List.copyOf(cores);
    }

    private static List<Integer> allowedCores() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseCpuList(line.substring(line.indexOf(':') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc hidden: pinning stays off
        }
        return List.of();
    }

    private static Optional<String> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isBlank() && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
