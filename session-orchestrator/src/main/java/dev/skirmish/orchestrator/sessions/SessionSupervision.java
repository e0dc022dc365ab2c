package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.logging.SessionMdc;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** The health rules for one live session; {@code SessionWatcher} applies them periodically. */
@Component
public class SessionSupervision {
    /** Extra time the watcher gives a cold launch whose request thread should already have timed it out. */
    private static final Duration BACKSTOP = Duration.ofSeconds(2);

    private final SessionEndings endings;
    private final SessionRegistry registry;
    private final OrchestratorProperties props;

    public SessionSupervision(SessionEndings endings, SessionRegistry registry, OrchestratorProperties props) {
        this.endings = endings;
        this.registry = registry;
        this.props = props;
    }

    public void check(LiveSession live) {
        try (SessionMdc.Scope ignored = SessionMdc.open(live.id())) {
            checkNow(live);
        }
    }

    private void checkNow(LiveSession live) {
        Instant now = Instant.now();
        SessionState state = live.state();
        Instant killAt = live.killAt();
        if (killAt != null && now.isAfter(killAt) && live.processAlive()) {
            endings.killOverdue(live);
            return;
        }
        if (state == SessionState.REQUESTED || state == SessionState.STARTING) {
            Duration limit = live.warm() ? props.readyTimeout() : props.readyTimeout().plus(BACKSTOP);
            if (Duration.between(live.createdAt(), now).compareTo(limit) > 0) {
                endings.readyTimeout(live);
            }
            return;
        }
        if (state == SessionState.READY || state == SessionState.RUNNING) {
            Duration silent = Duration.between(live.lastHeartbeatAt(), now);
            if (silent.compareTo(props.heartbeatDeadline()) > 0 && !inFirstHeartbeatGrace(live, now)) {
                endings.unhealthy(live, silent);
                return;
            }
            Instant allocatedAt = live.allocatedAt();
            Instant matchStart = allocatedAt != null ? allocatedAt : live.readyAt();
            if (live.roomId() != null && matchStart != null
                    && now.isAfter(matchStart.plusSeconds(live.matchSeconds()).plus(props.reapGrace()))) {
                endings.reap(live);
            }
            return;
        }
        if (state.terminal() && live.process() == null) {
            registry.remove(live); // never launched: nothing will exit
        }
    }

    /**
     * Right after READY a fresh JVM (still loading classes and compiling, maybe on a loaded machine) may send its
     * first heartbeats late: until READY + deadline + grace, silence is not yet a reason to kill it. Afterwards the
     * plain rule holds, whenever the last heartbeat was.
     */
    private boolean inFirstHeartbeatGrace(LiveSession live, Instant now) {
        Instant readyAt = live.readyAt();
        return readyAt != null && now.isBefore(readyAt.plus(props.heartbeatDeadline()).plus(props.firstHeartbeatGrace()));
    }
}
