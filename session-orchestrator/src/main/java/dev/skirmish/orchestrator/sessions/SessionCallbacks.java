package dev.skirmish.orchestrator.sessions;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The game-server side of a live session, for the callback controller. */
@Component
public class SessionCallbacks {
    private final SessionRegistry registry;
    private final SessionLifecycle lifecycle;
    private final SessionHeartbeats heartbeats;
    private final SessionEndings endings;

    public SessionCallbacks(SessionRegistry registry, SessionLifecycle lifecycle, SessionHeartbeats heartbeats,
                            SessionEndings endings) {
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.heartbeats = heartbeats;
        this.endings = endings;
    }

    public LiveSession live(String id) {
        return registry.find(id).orElseThrow(() -> SessionException.notFound(id));
    }

    public void ready(LiveSession live) {
        lifecycle.ready(live);
    }

    public void heartbeat(LiveSession live, Heartbeat beat) {
        heartbeats.heartbeat(live, beat);
    }

    public void result(LiveSession live, MatchResultReport report) {
        endings.result(live, report);
    }

    /** A warm server's long poll: its match, or empty when none is assigned within {@code timeout}. */
    public Optional<Allocation> awaitAllocation(LiveSession live, Duration timeout) throws InterruptedException {
        return live.awaitAllocation(timeout);
    }
}
