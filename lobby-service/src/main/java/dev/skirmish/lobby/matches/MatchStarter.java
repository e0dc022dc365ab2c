package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.rooms.CountdownFinished;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.SessionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When a countdown runs out: ask the orchestrator for a session, then hand each member its own token. */
@Component
public class MatchStarter {
    private static final Logger log = LoggerFactory.getLogger(MatchStarter.class);

    private final RoomService rooms;
    private final MatchService matches;
    private final SessionClient sessions;
    private final ApplicationEventPublisher publisher;
    private final Counter starts;
    private final Counter failures;

    public MatchStarter(RoomService rooms, MatchService matches, SessionClient sessions, ApplicationEventPublisher publisher,
                        MeterRegistry meters) {
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
        Thread.ofVirtual().name("launch-" + done.roomId()).start(() -> launch(done));
    }

    void launch(CountdownFinished done) {
        var claimed = rooms.claimLaunch(done.roomId(), done.countdownId());
        if (claimed.isEmpty()) return;
        var room = claimed.get();
        var players = room.players().stream().map(p -> new SessionClient.SessionPlayer(p.id(), p.name())).toList();
        try {
            var session = sessions.createSession(room.id(), players, room.matchSeconds());
            String matchId = matches.recordStart(room, session.id());
            rooms.launched(room.id(), session.id(), matchId);
            for (var t : session.connectTokens()) {
                publisher.publishEvent(new MatchAssignment(room.id(), session.id(), session.host(), session.port(), t.playerId(), t.name(),
                        t.token(), session.matchSeconds()));
            }
            starts.increment();
            log.info("room {} is in match {} on {}:{} (session {})", room.id(), matchId, session.host(), session.port(), session.id());
        } catch (SessionException e) {
            failures.increment();
            rooms.launchFailed(room.id(), "could not start the match: " + e.getMessage());
        } catch (RuntimeException e) {
            failures.increment();
            log.error("launch of room {} failed", room.id(), e);
            rooms.launchFailed(room.id(), "could not start the match: internal error");
        }
    }
}
