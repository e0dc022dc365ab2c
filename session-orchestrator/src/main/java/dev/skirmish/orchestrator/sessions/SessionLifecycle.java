package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.events.EventOutbox;
import dev.skirmish.orchestrator.events.SessionEvent;
import dev.skirmish.orchestrator.launch.LaunchedServer;
import dev.skirmish.orchestrator.logging.SessionMdc;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state machine of one session, up to a running match: created, launched, READY, allocated (warm servers),
 * re-adopted after a restart. Heartbeats are {@link SessionHeartbeats}', terminal states {@link SessionEndings}'.
 * Every transition happens under the session's monitor and is persisted in one transaction together with the event
 * it produces (at most one), so a crash can never leave a state change without its event or an event for a state
 * that was not stored.
 */
@Component
public class SessionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final SessionStore store;
    private final SessionEndings endings;
    private final EventOutbox outbox;
    private final SessionMetrics metrics;
    private final JsonMapper json;

    SessionLifecycle(SessionStore store, SessionEndings endings, EventOutbox outbox, SessionMetrics metrics,
                     JsonMapper json) {
        this.store = store;
        this.endings = endings;
        this.outbox = outbox;
        this.metrics = metrics;
        this.json = json;
    }

    /** The first record of a session about to be launched, with its match (none yet for a warm server). */
    void created(LiveSession live, List<PlayerRequest> players, int matchSeconds, String host) {
        live.plan(players, matchSeconds);
        SessionEntity e = new SessionEntity(live.id(), live.warm(), host, live.port(), live.matchSeconds(),
                live.sessionKeyBase64(), live.logFile().toString(), live.createdAt());
        e.setRoomId(live.roomId());
        e.setPlayersJson(json.writeValueAsString(live.players()));
        store.insert(e);
    }

    /** A session the database still calls live, as it was stored, after a restart (not registered yet). */
    LiveSession restore(SessionEntity e, List<PlayerRequest> players) {
        LiveSession s = new LiveSession(e.getId(), e.getPort(), Base64.getDecoder().decode(e.getSessionKey()),
                e.isWarm(), Path.of(e.getLogFile()), e.getCreatedAt(), e.getRoomId());
        s.plan(players, e.getMatchSeconds());
        s.state(e.getState());
        s.readyAt(e.getReadyAt());
        s.allocatedAt(e.getAllocatedAt());
        s.heartbeatAt(Instant.now()); // a fresh heartbeat window after our own downtime
        return s;
    }

    /** The process exists: remember how to find it again, and watch for its exit. */
    void started(LiveSession live, LaunchedServer server) {
        live.launchedAt(Instant.now());
        synchronized (live) {
            live.process(server.handle());
            live.endpoint(server.endpoint());
            if (live.state() == SessionState.REQUESTED) {
                live.state(SessionState.STARTING);
            }
            SessionState state = live.state();
            store.update(live, e -> {
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
        watchExit(live, server);
    }

    /** A process found again after a restart belongs to this session (it may still be stopped as not useful). */
    void adopted(LiveSession live, LaunchedServer server) {
        live.process(server.handle());
        live.endpoint(server.endpoint());
    }

    /** A re-adopted session keeps going: its waiters are released and its exit watched like one we launched. */
    void resumed(LiveSession live, LaunchedServer server) {
        if (live.warm()) {
            live.completeAllocation(new Allocation(live.players().stream().map(PlayerRequest::name).toList(),
                    live.matchSeconds()));
        }
        live.completeReady();
        metrics.watch(live);
        watchExit(live, server);
    }

    public void ready(LiveSession live) {
        synchronized (live) {
            if (live.state() != SessionState.REQUESTED && live.state() != SessionState.STARTING) {
                return; // duplicate or late report
            }
            Instant readyAt = Instant.now();
            boolean announce = live.roomId() != null && !live.warm();
            // committed before it shows (like every transition): a READY that failed to store is not half-READY
            store.update(live, e -> {
                e.setState(SessionState.READY);
                e.setReadyAt(readyAt);
            }, announce ? () -> outbox.enqueue(SessionEvent.Type.SESSION_READY, live.id(), live.roomId(), null, null)
                    : null);
            live.readyAt(readyAt);
            live.heartbeatAt(readyAt);
            live.state(SessionState.READY);
            live.readyStoredAt(Instant.now());
        }
        Duration took = live.sinceCreated();
        metrics.ready(took);
        metrics.watch(live);
        live.completeReady();
        LiveSession.StartTimes t = live.startTimes();
        log.info("session {} READY on port {} after {} ms (warm={}; launch {} ms, process start to READY callback {} ms,"
                        + " stored {} ms)", live.id(), live.port(), took.toMillis(), live.warm(),
                millis(t.reserved(), t.launched()), millis(t.launched(), t.readyCalled()),
                millis(t.readyCalled(), t.readyStored()));
    }

    void allocated(LiveSession live, List<PlayerRequest> players, int matchSeconds) {
        synchronized (live) {
            live.plan(players, matchSeconds);
            Instant allocatedAt = Instant.now();
            live.allocatedAt(allocatedAt);
            store.allocate(live, json.writeValueAsString(players), matchSeconds, allocatedAt,
                    () -> outbox.enqueue(SessionEvent.Type.SESSION_READY, live.id(), live.roomId(), null, null));
        }
        metrics.warmAllocated();
        live.completeAllocation(new Allocation(players.stream().map(PlayerRequest::name).toList(), matchSeconds));
        log.info("warm session {} allocated to room {} with {} players", live.id(), live.roomId(), players.size());
    }

    /**
     * An operator removes a player from the running match: the game server is told on its next heartbeat answer
     * (at most ~1 s later), disconnects the player with KICKED and refuses that player's token from then on.
     */
    public void kick(LiveSession live, String playerId) {
        synchronized (live) {
            if (live.state().terminal()) {
                throw new SessionException(HttpStatus.CONFLICT, "Session over", "session " + live.id() + " has ended",
                        "SESSION_OVER");
            }
            PlayerRequest player = live.players().stream().filter(p -> p.id().equals(playerId)).findFirst()
                    .orElseThrow(() -> new SessionException(HttpStatus.NOT_FOUND, "Player not in session",
                            "no player " + playerId + " in session " + live.id(), "PLAYER_NOT_IN_SESSION"));
            live.kick(player.name());
            log.info("session {}: player {} ({}) kicked by the lobby; sent with the next heartbeat answer", live.id(),
                    player.name(), player.id());
        }
    }

    private void watchExit(LiveSession live, LaunchedServer server) {
        server.exit().whenComplete((code, err) ->
                SessionMdc.run(live.id(), () -> endings.exited(live, code == null ? -1 : code)));
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? -1 : Duration.between(from, to).toMillis();
    }
}
