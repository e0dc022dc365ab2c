package dev.skirmish.orchestrator.launch;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One match inside a match host, as the session code sees a server: stop and kill go to the host as commands for
 * this match only, and the exit completes with the code the host reports for it (or the host's own, should the
 * host die first), so every session keeps its own READY, heartbeats, result and end.
 */
final class HostedMatch implements ServerHandle {
    private static final Logger log = LoggerFactory.getLogger(HostedMatch.class);
    /**
     * A host that has not ended a killed match by then is killed itself: it no longer does what it is told. Longer
     * than a match's READY with its retries (~10 s), which a kill of a match still starting waits for.
     */
    static final long KILL_ANSWER_SECONDS = 15;

    private final String sessionId;
    private final HostProcess host;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    HostedMatch(String sessionId, HostProcess host) {
        this.sessionId = sessionId;
        this.host = host;
    }

    String sessionId() {
        return sessionId;
    }

    /** The host reported this match's end, or the host itself is gone; the first call wins. */
    void ended(int code) {
        exit.complete(code);
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone() && host.isAlive();
    }

    @Override
    public void terminate() {
        send("stop " + sessionId);
    }

    @Override
    public void kill() {
        if (exit.isDone()) {
            return;
        }
        send("kill " + sessionId);
        CompletableFuture.delayedExecutor(KILL_ANSWER_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (!exit.isDone()) {
                log.warn("match host {} did not end session {} within {} s of a kill; killing the host",
                        host.describe(), sessionId, KILL_ANSWER_SECONDS);
                host.kill();
            }
        });
    }

    private void send(String command) {
        try {
            host.send(command);
        } catch (IOException e) {
            log.warn("could not tell match host {} to '{}': {}", host.describe(), command, e.toString());
        }
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public String describe() {
        return "match in host " + host.describe();
    }
}
