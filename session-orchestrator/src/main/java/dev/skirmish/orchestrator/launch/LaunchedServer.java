package dev.skirmish.orchestrator.launch;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A started game-server process: its handle, the pid + start time that identify it after a restart, and its
 * exit code once it is gone (-1 when unknown, e.g. for a re-adopted process that is not our child).
 */
public record LaunchedServer(ProcessHandle process, long pid, Instant startedAt, CompletableFuture<Integer> exit) {
    public static LaunchedServer of(Process process) {
        ProcessHandle h = process.toHandle();
        return new LaunchedServer(h, h.pid(), h.info().startInstant().orElse(Instant.now()),
                process.onExit().thenApply(Process::exitValue));
    }

    public static LaunchedServer adopted(ProcessHandle h) {
        return new LaunchedServer(h, h.pid(), h.info().startInstant().orElse(Instant.now()),
                h.onExit().thenApply(x -> -1));
    }
}
