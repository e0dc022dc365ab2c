package dev.skirmish.orchestrator.warm;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionException;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionService;
import dev.skirmish.orchestrator.sessions.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code warm-pool-size} servers started and waiting, so an allocation only hands one over (milliseconds)
 * instead of starting a JVM. Warm servers use capacity like any other; refills stop when capacity runs out, and at
 * most {@code warm-pool-max-starting} of them start at once (a JVM start takes a core for a few hundred ms).
 */
@Component
public class WarmPool {
    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);

    private final SessionRegistry registry;
    private final SessionService sessions;
    private final OrchestratorProperties props;

    public WarmPool(SessionRegistry registry, SessionService sessions, OrchestratorProperties props) {
        this.registry = registry;
        this.sessions = sessions;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${skirmish.orchestrator.warm-refill-period:250ms}")
    public synchronized void refill() {
        int missing = props.warmPoolSize() - waiting();
        int startable = props.warmPoolMaxStarting() - starting();
        for (int i = 0; i < Math.min(missing, startable); i++) {
            try {
                LiveSession live = sessions.launchWarm();
                log.debug("warm server {} starting on port {}", live.id(), live.port());
            } catch (SessionException e) {
                log.debug("warm pool not refilled: {}", e.getMessage());
                return;
            }
        }
    }

    /** Warm servers starting or ready that no room has taken yet. */
    public int waiting() {
        return (int) registry.all().stream()
                .filter(s -> s.warm() && s.roomId() == null && !s.state().terminal() && s.state() != SessionState.UNHEALTHY)
                .count();
    }

    /** Warm servers launched that have not reported READY yet. */
    public int starting() {
        return (int) registry.all().stream()
                .filter(s -> s.warm() && (s.state() == SessionState.REQUESTED || s.state() == SessionState.STARTING))
                .count();
    }
}
