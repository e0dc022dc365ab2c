package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.rooms.CountdownFinished;
import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.RoomHasLiveSession;
import dev.skirmish.lobby.sessions.SessionException;
import dev.skirmish.protocol.trace.Traceparent;
import java.util.List;
import java.util.Map;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When a countdown runs out: ask the orchestrator for a session, then hand each member its own token. */
@Component
public class MatchStarter {
    private static final Logger log = LoggerFactory.getLogger(MatchStarter.class);

    private final RoomStarts rooms;
    private final MatchService matches;
    private final SessionClient sessions;
    private final OrphanSessions orphans;
    private final LobbyProperties props;
    private final ApplicationEventPublisher publisher;
    private final Counter starts;
    private final Counter failures;
    private final ObservationRegistry observations;

    public MatchStarter(RoomStarts rooms, MatchService matches, SessionClient sessions, OrphanSessions orphans, LobbyProperties props,
                        ApplicationEventPublisher publisher, MeterRegistry meters, ObservationRegistry observations) {
        this.observations = observations;
        this.orphans = orphans;
        this.props = props;
        this.rooms = rooms;
        this.matches = matches;
        this.sessions = sessions;
        this.publisher = publisher;
        this.starts = Counter.builder("lobby.match.starts").description("matches started on a game server").register(meters);
        this.failures = Counter.builder("lobby.match.start.failures").description("match starts the orchestrator could not serve").register(meters);
    }

    @EventListener
    public void onCountdownFinished(CountdownFinished done) {
        // the orchestrator answers only once the server is READY: never block the timer threads on it
        // one observation per start, a child of the start request's trace (kept with the countdown, on any node):
        // every line about this start carries its id, here, in the orchestrator and in the game server
        // (docs/observability.md); without one (a row older than V14) it opens a new trace; also the timer lobby.match.start
        Thread.ofVirtual().name("launch-" + done.roomId()).start(() -> Observation
                .createNotStarted("lobby.match.start", () -> continuing(done.traceparent()), observations)
                .contextualName("match start")
                .observe(() -> launch(done)));
    }

    /** The tracer's receiver handler reads the parent from this carrier, as from a request's headers. */
    private static ReceiverContext<Map<String, String>> continuing(String traceparent) {
        var context = new ReceiverContext<Map<String, String>>(Map::get, Kind.CONSUMER);
        // checked again: the value may have come from a row another node wrote
        String parent = Traceparent.validOrNull(traceparent);
        context.setCarrier(parent == null ? Map.of() : Map.of(Traceparent.HEADER, parent));
        return context;
    }

    void launch(CountdownFinished done) {
        var claimed = rooms.claimLaunch(done.roomId(), done.countdownId());
        if (claimed.isEmpty()) return;
        var room = claimed.get();
        var players = room.players().stream().map(p -> new SessionClient.SessionPlayer(p.id(), p.name())).toList();
        try {
            var session = createSession(room.id(), players, room.matchSeconds());
            String matchId = matches.recordStart(room, session.id());
            rooms.launched(room.id(), session.id(), matchId);
            for (var t : session.connectTokens()) {
                publisher.publishEvent(new MatchAssignment(room.id(), session.id(), session.host(), session.port(), t.playerId(), t.name(),
                        t.token(), session.matchSeconds()));
            }
            starts.increment();
            log.info("room {} is in match {} on {}:{} (session {})", room.id(), matchId, session.host(), session.port(), session.id());
            // an end or crash that beat the match row here (a game server dying right after READY) is applied now
            try {
                matches.afterLaunch(session.id());
            } catch (RuntimeException e) {
                log.error("session {} of room {}: applying its early events failed; the repair job will reopen the room", session.id(), room.id(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.increment();
            rooms.launchFailed(room.id(), "could not start the match: the lobby is stopping");
        } catch (SessionException e) {
            failures.increment();
            rooms.launchFailed(room.id(), "could not start the match: " + e.getMessage());
        } catch (RuntimeException e) {
            failures.increment();
            log.error("launch of room {} failed", room.id(), e);
            rooms.launchFailed(room.id(), "could not start the match: internal error");
        }
    }

    /**
     * A 409 means the orchestrator still runs a session for this room that no match of ours runs on (see
     * {@link OrphanSessions}): it is ended and the request repeated until the orchestrator has let the room go (its
     * stop is graceful: the game server gets SIGTERM and a grace period), at most {@code orphan-session-wait}.
     */
    private SessionClient.Session createSession(String roomId, List<SessionClient.SessionPlayer> players, int matchSeconds)
            throws InterruptedException {
        try {
            return sessions.createSession(roomId, players, matchSeconds);
        } catch (RoomHasLiveSession busy) {
            if (orphans.end(roomId, s -> true) == 0) throw busy;
        }
        long deadline = System.nanoTime() + props.orphanSessionWait().toNanos();
        for (long pause = 100; ; pause = Math.min(pause * 2, 1000)) {
            try {
                return sessions.createSession(roomId, players, matchSeconds);
            } catch (RoomHasLiveSession stillBusy) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) throw stillBusy;
                Thread.sleep(pause);
            }
        }
    }
}
