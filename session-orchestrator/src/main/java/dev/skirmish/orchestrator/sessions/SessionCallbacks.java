package dev.skirmish.orchestrator.sessions;

import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** The game-server side of a live session, for the callback controller. */
@Component
public class SessionCallbacks {
    private final SessionRegistry registry;
    private final SessionLifecycle lifecycle;

    public SessionCallbacks(SessionRegistry registry, SessionLifecycle lifecycle) {
        this.registry = registry;
        this.lifecycle = lifecycle;
    }

    public LiveSession live(String id) {
        return registry.find(id).orElseThrow(() -> SessionException.notFound(id));
    }

    public void ready(LiveSession live) {
        lifecycle.ready(live);
    }

    public void heartbeat(LiveSession live, Heartbeat beat) {
        lifecycle.heartbeat(live, beat);
    }

    public void result(LiveSession live, MatchResultReport report) {
        lifecycle.result(live, report);
    }

    public CompletableFuture<Allocation> allocation(LiveSession live) {
        return live.allocation;
    }
}
