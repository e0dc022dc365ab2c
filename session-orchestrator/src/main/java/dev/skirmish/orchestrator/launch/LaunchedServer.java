package dev.skirmish.orchestrator.launch;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A started game server: its handle, and the pid + start time recorded with the session (for a container: the
 * pid of its main process on the host, informational). The exit completes with the exit code once it is gone
 * (-1 when unknown, e.g. for a re-adopted process that is not our child).
 *
 * @param endpoint where players reach the server when the launcher, not the orchestrator, chose it (an Agones
 *                 GameServer's address and host port); null: {@code public-host} and the session's pool port
 */
public record LaunchedServer(ServerHandle handle, long pid, Instant startedAt, InetSocketAddress endpoint) {
    public LaunchedServer(ServerHandle handle, long pid, Instant startedAt) {
        this(handle, pid, startedAt, null);
    }

    public static LaunchedServer of(Process process) {
        ProcessHandle h = process.toHandle();
        return new LaunchedServer(new ProcessServerHandle(h, process.onExit().thenApply(Process::exitValue)), h.pid(),
                h.info().startInstant().orElse(Instant.now()));
    }

    public static LaunchedServer adopted(ProcessHandle h) {
        return new LaunchedServer(new ProcessServerHandle(h, h.onExit().thenApply(x -> -1)), h.pid(),
                h.info().startInstant().orElse(Instant.now()));
    }

    public CompletableFuture<Integer> exit() {
        return handle.exit();
    }
}
