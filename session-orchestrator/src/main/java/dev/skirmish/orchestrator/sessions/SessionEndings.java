package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.events.EventOutbox;
import dev.skirmish.orchestrator.events.SessionEvent;
import dev.skirmish.orchestrator.launch.LogTail;
import dev.skirmish.orchestrator.launch.ServerHandle;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a session ends: a reported result, a stop, a READY timeout, silence, an overrun, a process exit. The first
 * terminal state wins; it is committed together with its event before anything in memory shows it.
 */
@Component
public class SessionEndings {
    private static final Logger log = LoggerFactory.getLogger(SessionEndings.class);

    private final SessionStore store;
    private final SessionRegistry registry;
    private final EventOutbox outbox;
    private final SessionMetrics metrics;
    private final OrchestratorProperties props;
    private final JsonMapper json;

    SessionEndings(SessionStore store, SessionRegistry registry, EventOutbox outbox, SessionMetrics metrics,
                   OrchestratorProperties props, JsonMapper json) {
        this.store = store;
        this.registry = registry;
        this.outbox = outbox;
        this.metrics = metrics;
        this.props = props;
        this.json = json;
    }

    public void result(LiveSession live, MatchResultReport report) {
        JsonNode result = json.valueToTree(report);
        if (finish(live, SessionState.ENDED, report.reason(), result, false)) {
            // the server exits by itself after reporting; make sure it does
            live.killAt(Instant.now().plus(props.stopGrace()));
        }
    }

    /** Graceful stop: SIGTERM now (the server reports SHUTDOWN), a forced kill after the grace period. */
    void stop(LiveSession live) {
        live.requestStop();
        ServerHandle p = live.process();
        if (p == null) {
            finish(live, SessionState.ENDED, "STOPPED", null, false);
            return;
        }
        live.killAt(Instant.now().plus(props.stopGrace()));
        p.terminate();
        log.info("session {} stopping (SIGTERM {})", live.id(), p.describe());
    }

    void readyTimeout(LiveSession live) {
        finish(live, SessionState.FAILED, "READY_TIMEOUT (no READY within " + props.readyTimeout().toMillis() + " ms)",
                null, true);
        kill(live);
    }

    void unhealthy(LiveSession live, Duration silentFor) {
        synchronized (live) {
            if (!live.state().started() || live.state().terminal()) {
                return;
            }
            store.update(live, e -> e.setState(SessionState.UNHEALTHY));
            live.state(SessionState.UNHEALTHY);
        }
        log.warn("session {} UNHEALTHY: no heartbeat for {} ms, killing it", live.id(), silentFor.toMillis());
        kill(live);
        finish(live, SessionState.CRASHED, "UNHEALTHY (no heartbeat for " + silentFor.toMillis() + " ms)", null, true);
    }

    void reap(LiveSession live) {
        log.warn("session {} overran its match ({} s + {} s grace), reaping it", live.id(), live.matchSeconds(),
                props.reapGrace().toSeconds());
        finish(live, SessionState.CRASHED, "REAPED (past match length + grace)", null, true);
        kill(live);
    }

    /** The grace after a stop or a result has passed and the process is still there: the kill is due now, once. */
    void killOverdue(LiveSession live) {
        log.warn("session {} still running {} ms after stop/result, killing it", live.id(),
                props.stopGrace().toMillis());
        live.killAt(null);
        kill(live);
    }

    void kill(LiveSession live) {
        ServerHandle p = live.process();
        if (p != null && p.isAlive()) {
            p.kill();
        }
    }

    /** The process is gone: settle the state if nothing else did, then free the port. */
    void exited(LiveSession live, int code) {
        try {
            String how = code == 137 ? "killed" : "exit code " + code;
            if (!live.state().started() && !live.state().terminal()) {
                finish(live, SessionState.FAILED, "EXITED_BEFORE_READY (" + how + ")", null, true);
            } else if (live.stopRequested()) {
                finish(live, SessionState.ENDED, "STOPPED", null, false);
            } else {
                finish(live, SessionState.CRASHED, "EXITED (" + how + ")", null, true);
            }
        } catch (RuntimeException e) {
            log.warn("session {}: could not record the exit: {}", live.id(), e.toString());
        } finally {
            live.failReady(new IllegalStateException("game server exited"));
            metrics.forget(live.id());
            registry.remove(live);
            log.info("session {} process gone ({}), port {} released", live.id(), code, live.port());
        }
    }

    /**
     * Moves to a terminal state once; returns false when the session had already ended. The state is committed
     * (with its event) before anything in memory shows it: should the commit fail, the session stays live (its
     * room taken, its next end still recorded) instead of ending in memory while the row and the lobby never learn.
     */
    boolean finish(LiveSession live, SessionState state, String reason, JsonNode result, boolean withLogs) {
        synchronized (live) {
            if (live.state().terminal()) {
                return false;
            }
            String logs = withLogs ? LogTail.lastLines(live.logFile(), props.logLinesKept()) : null;
            String resultJson = result == null ? null : json.writeValueAsString(result);
            Heartbeat lastStats = live.lastStats();
            String statsJson = lastStats == null ? null : json.writeValueAsString(lastStats);
            Instant now = Instant.now();
            String roomId = live.roomId();
            SessionEvent.Type type = switch (state) {
                case ENDED -> SessionEvent.Type.SESSION_ENDED;
                case FAILED -> SessionEvent.Type.SESSION_FAILED;
                default -> SessionEvent.Type.SESSION_CRASHED;
            };
            store.update(live, e -> {
                e.setState(state);
                e.setEndedAt(now);
                e.setEndReason(reason);
                e.setResultJson(resultJson);
                if (statsJson != null) {
                    e.setLastStatsJson(statsJson); // heartbeats store theirs only every few seconds
                }
                if (logs != null) {
                    e.setLastLogLines(logs);
                }
            }, roomId == null ? null : () -> outbox.enqueue(type, live.id(), roomId, reason, result));
            live.state(state);
            registry.freeRoom(live);
        }
        metrics.ended(state, reason);
        log.info("session {} {}: {}", live.id(), state, reason);
        return true;
    }
}
