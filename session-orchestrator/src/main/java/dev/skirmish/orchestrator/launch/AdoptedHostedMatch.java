package dev.skirmish.orchestrator.launch;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hosted match found again after an orchestrator restart. The host's stdin pipe died with the old orchestrator,
 * so this one match can no longer be told anything; signalling the host would end its other matches too. Stop and
 * kill are therefore only logged: the match ends by itself (its end rule, at most its match length), reports its
 * result with its own key as before, and the host exits after its last match, which releases the port.
 */
final class AdoptedHostedMatch implements ServerHandle {
    private static final Logger log = LoggerFactory.getLogger(AdoptedHostedMatch.class);

    private final String sessionId;
    private final ProcessHandle host;
    private final CompletableFuture<Integer> exit;

    private AdoptedHostedMatch(String sessionId, ProcessHandle host) {
        this.sessionId = sessionId;
        this.host = host;
        this.exit = host.onExit().thenApply(x -> -1);
    }

    static boolean isHost(ProcessHandle h) {
        return h.info().arguments().map(args -> args.length > 0 && java.util.Arrays.asList(args).contains("--host"))
                .orElse(false);
    }

    static LaunchedServer of(String sessionId, ProcessHandle host) {
        return new LaunchedServer(new AdoptedHostedMatch(sessionId, host), host.pid(),
                host.info().startInstant().orElse(Instant.now()));
    }

    @Override
    public boolean isAlive() {
        return host.isAlive();
    }

    @Override
    public void terminate() {
        log.warn("session {} runs in a re-adopted match host (pid {}) that takes no more commands: it ends at its"
                + " match length", sessionId, host.pid());
    }

    @Override
    public void kill() {
        terminate();
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public String describe() {
        return "match in re-adopted host pid " + host.pid();
    }
}
