package dev.skirmish.orchestrator.launch;

import java.util.concurrent.CompletableFuture;

/**
 * A running game server as the session code sees it, whatever runs it (a child process, a container): the
 * session state machine only needs to stop it, kill it and learn when it is gone.
 */
public interface ServerHandle {
    boolean isAlive();

    /** Graceful stop (SIGTERM): the server reports SHUTDOWN and exits by itself. */
    void terminate();

    /** Forced stop (SIGKILL). */
    void kill();

    /** Completes once the server is gone (and whatever held it is cleaned up) with its exit code, -1 if unknown. */
    CompletableFuture<Integer> exit();

    /** For logs: "pid 1234", "container skirmish-gs-...". */
    String describe();
}
