package dev.skirmish.orchestrator.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Starts one game server per session. The local-process launcher is the default; the Docker launcher
 * ({@code skirmish.orchestrator.launcher=docker}) runs each server as a container.
 */
public interface GameServerLauncher {
    LaunchedServer launch(LaunchSpec spec) throws IOException;

    /**
     * After an orchestrator restart: the server of a session the database still calls live, if that very server
     * is still running.
     *
     * @param pid       the pid recorded at launch (null if none was)
     * @param startedAt the start time recorded at launch (null if none was)
     * @param logFile   the session's log file, where a re-adopted server's further output goes
     */
    Optional<LaunchedServer> adopt(String sessionId, Long pid, Instant startedAt, Path logFile);

    /**
     * After restart recovery: removes servers this launcher can still find whose session is no longer live
     * ({@code stray} says which session ids are). Child processes cannot be found without their pid, so the local
     * launcher has nothing to do here.
     */
    default void removeStrays(Predicate<String> stray) {
    }

    /** Whether a launch can work now (the jar or image it needs is there), with details for the health endpoint. */
    Readiness readiness();

    record Readiness(boolean ready, Map<String, Object> details) {
        public Readiness {
            details = Map.copyOf(details);
        }
    }
}
