package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.logging.SessionMdc;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The health rules for one live session; {@code SessionWatcher} applies them periodically. */
@Component
public class SessionSupervision {
    private static final Logger log = LoggerFactory.getLogger(SessionSupervision.class);
    /** Extra time the watcher gives a cold launch whose request thread should already have timed it out. */
    private static final Duration BACKSTOP = Duration.ofSeconds(2);

    private final SessionLifecycle lifecycle;
    private final SessionRegistry registry;
    private final OrchestratorProperties props;

    public SessionSupervision(SessionLifecycle lifecycle, SessionRegistry registry, OrchestratorProperties props) {
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.props = props;
    }

    public void check(LiveSession live) {
        try (SessionMdc.Scope ignored = SessionMdc.open(live.id)) {
            checkNow(live);
        }
    }

    private void checkNow(LiveSession live) {
        Instant now = Instant.now();
        SessionState state = live.state;
        if (live.killAt != null && now.isAfter(live.killAt) && live.processAlive()) {
            log.warn("session {} still running {} ms after stop/result, killing it", live.id, props.stopGrace().toMillis());
            live.killAt = null;
            lifecycle.kill(live);
            return;
        }
        if (state == SessionState.REQUESTED || state == SessionState.STARTING) {
            Duration limit = live.warm ? props.readyTimeout() : props.readyTimeout().plus(BACKSTOP);
            if (Duration.between(live.createdAt, now).compareTo(limit) > 0) {
                lifecycle.readyTimeout(live);
            }
            return;
        }
        if (state == SessionState.READY || state == SessionState.RUNNING) {
            Duration silent = Duration.between(live.lastHeartbeatAt, now);
            if (silent.compareTo(props.heartbeatDeadline()) > 0 && !inFirstHeartbeatGrace(live, now)) {
                lifecycle.unhealthy(live, silent);
                return;
            }
            Instant matchStart = live.allocatedAt != null ? live.allocatedAt : live.readyAt;
            if (live.roomId != null && matchStart != null
                    && now.isAfter(matchStart.plusSeconds(live.matchSeconds).plus(props.reapGrace()))) {
                lifecycle.reap(live);
            }
            return;
        }
        if (state.terminal() && live.process == null) {
            registry.remove(live); // never launched: nothing will exit
        }
    }

    /**
     * Right after READY a fresh JVM (still loading classes and compiling, maybe on a loaded machine) may send its
     * first heartbeats late: until READY + deadline + grace, silence is not yet a reason to kill it. Afterwards the
     * plain rule holds, whenever the last heartbeat was.
     */
    private boolean inFirstHeartbeatGrace(LiveSession live, Instant now) {
        Instant readyAt = live.readyAt;
        return readyAt != null && now.isBefore(readyAt.plus(props.heartbeatDeadline()).plus(props.firstHeartbeatGrace()));
    }
}
