package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.callbacks.Allocation;
import dev.skirmish.orchestrator.callbacks.Heartbeat;
import dev.skirmish.orchestrator.callbacks.MatchResultReport;
import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.events.EventOutbox;
import dev.skirmish.orchestrator.events.SessionEvent;
import dev.skirmish.orchestrator.launch.LaunchedServer;
import dev.skirmish.orchestrator.launch.LogTail;
import dev.skirmish.orchestrator.launch.ServerHandle;
import dev.skirmish.orchestrator.ops.SessionMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state machine of one session. Every transition happens under the session's monitor and is persisted in
 * one transaction together with the event it produces (at most one), so a crash can never leave a state change
 * without its event or an event for a state that was not stored; the first terminal state wins.
 */
@Component
public class SessionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);
    /** How stale the stored heartbeat stats of a live session may get (views show the live ones). */
    static final Duration STATS_STORE_PERIOD = Duration.ofSeconds(10);

    private final SessionRepository repository;
    private final SessionRegistry registry;
    private final EventOutbox outbox;
    private final SessionMetrics metrics;
    private final OrchestratorProperties props;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    public SessionLifecycle(SessionRepository repository, SessionRegistry registry, EventOutbox outbox,
                            SessionMetrics metrics, OrchestratorProperties props, JsonMapper json,
                            PlatformTransactionManager transactions, DataSource dataSource) {
        this.repository = repository;
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.registry = registry;
        this.outbox = outbox;
        this.metrics = metrics;
        this.props = props;
        this.json = json;
    }

    void created(LiveSession live, String host) {
        SessionEntity e = new SessionEntity(live.id, live.warm, host, live.port, live.matchSeconds,
                live.sessionKeyBase64(), live.logFile.toString(), live.createdAt);
        e.setRoomId(live.roomId);
        e.setPlayersJson(json.writeValueAsString(live.players));
        repository.save(e);
    }

    /** The process exists: remember how to find it again, and watch for its exit. */
    void started(LiveSession live, LaunchedServer server) {
        live.launchedAt = Instant.now();
        synchronized (live) {
            live.process = server.handle();
            live.endpoint = server.endpoint();
            if (live.state == SessionState.REQUESTED) {
                live.state = SessionState.STARTING;
            }
            SessionState state = live.state;
            update(live, e -> {
                e.setProcess(server.pid(), server.startedAt());
                if (server.endpoint() != null) {
                    e.setEndpoint(server.endpoint().getHostString(), server.endpoint().getPort());
                }
                if (!e.getState().terminal() && !e.getState().started()) {
                    e.setState(state);
                }
            });
        }
        metrics.launched();
        server.exit().whenComplete((code, err) -> SessionMdc.run(live.id, () -> exited(live, code == null ? -1 : code)));
    }

    /** A process found again after a restart: watch its exit like one we launched. */
    void watchAdopted(LiveSession live, LaunchedServer server) {
        metrics.watch(live);
        server.exit().whenComplete((code, err) -> SessionMdc.run(live.id, () -> exited(live, code == null ? -1 : code)));
    }

    public void ready(LiveSession live) {
        synchronized (live) {
            if (live.state != SessionState.REQUESTED && live.state != SessionState.STARTING) {
                return; // duplicate or late report
            }
            Instant readyAt = Instant.now();
            boolean announce = live.roomId != null && !live.warm;
            // committed before it shows (like every transition): a READY that failed to store is not half-READY
            update(live, e -> {
                e.setState(SessionState.READY);
                e.setReadyAt(readyAt);
            }, announce ? () -> outbox.enqueue(SessionEvent.Type.SESSION_READY, live.id, live.roomId, null, null) : null);
            live.readyAt = readyAt;
            live.lastHeartbeatAt = readyAt;
            live.state = SessionState.READY;
            live.readyStoredAt = Instant.now();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - live.createdNanos);
        metrics.ready(took);
        metrics.watch(live);
        live.ready.complete(null);
        LiveSession.StartTimes t = live.startTimes();
        log.info("session {} READY on port {} after {} ms (warm={}; launch {} ms, process start to READY callback {} ms,"
                + " stored {} ms)", live.id, live.port, took.toMillis(), live.warm, millis(t.reserved(), t.launched()),
                millis(t.launched(), t.readyCalled()), millis(t.readyCalled(), t.readyStored()));
    }

    void allocated(LiveSession live, List<PlayerRequest> players, int matchSeconds) {
        synchronized (live) {
            live.players = List.copyOf(players);
            live.matchSeconds = matchSeconds;
            live.allocatedAt = Instant.now();
            String playersJson = json.writeValueAsString(players);
            // the lobby waits on this transaction: one UPDATE (and the event's INSERT), not an entity load and merge
            tx.executeWithoutResult(status -> {
                jdbc.sql("UPDATE game_session SET room_id = ?, players_json = ?, match_seconds = ?, allocated_at = ?"
                                + " WHERE id = ?")
                        .params(live.roomId, playersJson, matchSeconds,
                                OffsetDateTime.ofInstant(live.allocatedAt, ZoneOffset.UTC), live.id)
                        .update();
                outbox.enqueue(SessionEvent.Type.SESSION_READY, live.id, live.roomId, null, null);
            });
        }
        metrics.warmAllocated();
        live.allocation.complete(new Allocation(players.stream().map(PlayerRequest::name).toList(), matchSeconds));
        log.info("warm session {} allocated to room {} with {} players", live.id, live.roomId, players.size());
    }

    /**
     * Heartbeats are the orchestrator's most frequent call (one per second per server): the liveness and the stats
     * stay in memory (views and metrics read them from there), and a transaction is only spent on a state change
     * or when the stored stats are {@link #STATS_STORE_PERIOD} old; the end of a session stores the last ones.
     */
    public void heartbeat(LiveSession live, Heartbeat beat) {
        synchronized (live) {
            if (live.state.terminal()) {
                return;
            }
            Instant now = Instant.now();
            live.lastHeartbeatAt = now;
            live.lastStats = beat;
            SessionState before = live.state;
            SessionState state = before;
            // an unallocated warm server stays READY (allocatable) whatever it reports
            if (before == SessionState.READY && beat.running() && live.roomId != null && !live.idleWarm()) {
                state = SessionState.RUNNING;
            }
            if (state == before && live.statsStoredAt != null
                    && now.isBefore(live.statsStoredAt.plus(STATS_STORE_PERIOD))) {
                return;
            }
            String stats = json.writeValueAsString(beat);
            SessionState stored = state;
            update(live, e -> {
                e.setLastStatsJson(stats);
                e.setState(stored);
            });
            live.statsStoredAt = now;
            if (state != before) {
                live.state = state;
                log.info("session {} RUNNING", live.id);
            }
        }
    }

    public void result(LiveSession live, MatchResultReport report) {
        JsonNode result = json.valueToTree(report);
        if (finish(live, SessionState.ENDED, report.reason(), result, false)) {
            // the server exits by itself after reporting; make sure it does
            live.killAt = Instant.now().plus(props.stopGrace());
        }
    }

    /** Graceful stop: SIGTERM now (the server reports SHUTDOWN), a forced kill after the grace period. */
    void stop(LiveSession live) {
        live.stopRequested = true;
        ServerHandle p = live.process;
        if (p == null) {
            finish(live, SessionState.ENDED, "STOPPED", null, false);
            return;
        }
        live.killAt = Instant.now().plus(props.stopGrace());
        p.terminate();
        log.info("session {} stopping (SIGTERM {})", live.id, p.describe());
    }

    void readyTimeout(LiveSession live) {
        finish(live, SessionState.FAILED, "READY_TIMEOUT (no READY within " + props.readyTimeout().toMillis() + " ms)",
                null, true);
        kill(live);
    }

    void unhealthy(LiveSession live, Duration silentFor) {
        synchronized (live) {
            if (!live.state.started() || live.state.terminal()) {
                return;
            }
            update(live, e -> e.setState(SessionState.UNHEALTHY));
            live.state = SessionState.UNHEALTHY;
        }
        log.warn("session {} UNHEALTHY: no heartbeat for {} ms, killing it", live.id, silentFor.toMillis());
        kill(live);
        finish(live, SessionState.CRASHED, "UNHEALTHY (no heartbeat for " + silentFor.toMillis() + " ms)", null, true);
    }

    void reap(LiveSession live) {
        log.warn("session {} overran its match ({} s + {} s grace), reaping it", live.id, live.matchSeconds,
                props.reapGrace().toSeconds());
        finish(live, SessionState.CRASHED, "REAPED (past match length + grace)", null, true);
        kill(live);
    }

    void kill(LiveSession live) {
        ServerHandle p = live.process;
        if (p != null && p.isAlive()) {
            p.kill();
        }
    }

    /** The process is gone: settle the state if nothing else did, then free the port. */
    void exited(LiveSession live, int code) {
        try {
            String how = code == 137 ? "killed" : "exit code " + code;
            if (!live.state.started() && !live.state.terminal()) {
                finish(live, SessionState.FAILED, "EXITED_BEFORE_READY (" + how + ")", null, true);
            } else if (live.stopRequested) {
                finish(live, SessionState.ENDED, "STOPPED", null, false);
            } else {
                finish(live, SessionState.CRASHED, "EXITED (" + how + ")", null, true);
            }
        } catch (RuntimeException e) {
            log.warn("session {}: could not record the exit: {}", live.id, e.toString());
        } finally {
            live.ready.completeExceptionally(new IllegalStateException("game server exited"));
            metrics.forget(live.id);
            registry.remove(live);
            log.info("session {} process gone ({}), port {} released", live.id, code, live.port);
        }
    }

    /**
     * Moves to a terminal state once; returns false when the session had already ended. The state is committed
     * (with its event) before anything in memory shows it: should the commit fail, the session stays live (its
     * room taken, its next end still recorded) instead of ending in memory while the row and the lobby never learn.
     */
    boolean finish(LiveSession live, SessionState state, String reason, JsonNode result, boolean withLogs) {
        synchronized (live) {
            if (live.state.terminal()) {
                return false;
            }
            String logs = withLogs ? LogTail.lastLines(live.logFile, props.logLinesKept()) : null;
            String resultJson = result == null ? null : json.writeValueAsString(result);
            Heartbeat lastStats = live.lastStats;
            String statsJson = lastStats == null ? null : json.writeValueAsString(lastStats);
            Instant now = Instant.now();
            String roomId = live.roomId;
            SessionEvent.Type type = switch (state) {
                case ENDED -> SessionEvent.Type.SESSION_ENDED;
                case FAILED -> SessionEvent.Type.SESSION_FAILED;
                default -> SessionEvent.Type.SESSION_CRASHED;
            };
            update(live, e -> {
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
            }, roomId == null ? null : () -> outbox.enqueue(type, live.id, roomId, reason, result));
            live.state = state;
            registry.freeRoom(live);
        }
        metrics.ended(state, reason);
        log.info("session {} {}: {}", live.id, state, reason);
        return true;
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? -1 : Duration.between(from, to).toMillis();
    }

    private void update(LiveSession live, Consumer<SessionEntity> change) {
        update(live, change, null);
    }

    /** One transition, one transaction: the session row and the event it causes (if any) commit together. */
    private void update(LiveSession live, Consumer<SessionEntity> change, Runnable event) {
        tx.executeWithoutResult(status -> {
            repository.findById(live.id).ifPresent(e -> {
                change.accept(e);
                repository.save(e);
            });
            if (event != null) {
                event.run();
            }
        });
    }
}
