package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.SessionClient.LiveSession;
import dev.skirmish.lobby.sessions.SessionException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sessions the orchestrator runs for a room although the lobby runs no match on them. They come from a lobby that
 * stopped (crash, kill, deploy) while a launch was in flight: the orchestrator went on and made the session, nobody
 * got its connect tokens, and since it allows one live session per room, the room could never start again. The
 * lobby cannot adopt such a session (the orchestrator hands tokens out only once, in the create answer), so it ends
 * it: at start-up for the rooms it reopened, and whenever a start gets 409 (a launch that finished after the
 * start-up check, or an orchestrator that was unreachable then).
 */
@Component
public class OrphanSessions {
    private static final Logger log = LoggerFactory.getLogger(OrphanSessions.class);

    private final SessionClient sessions;
    private final RoomStarts rooms;
    private final Instant startedAt;

    public OrphanSessions(SessionClient sessions, RoomStarts rooms, Clock clock) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.startedAt = clock.instant();
    }

    /** Ends the live sessions of a room that match {@code orphan}; returns how many it ended. */
    int end(String roomId, Predicate<LiveSession> orphan) {
        int ended = 0;
        for (LiveSession s : sessions.liveSessions(roomId)) {
            if (!orphan.test(s) || !rooms.isOrphan(roomId, s.id())) continue;
            sessions.endSession(s.id());
            ended++;
            log.warn("room {}: ended orchestrator session {} ({}, created {}), which no match of the lobby runs on", roomId, s.id(),
                    s.state(), s.createdAt());
        }
        return ended;
    }

    /**
     * After a restart, for each room that was STARTING: sessions made before this lobby started are what the
     * interrupted launch left behind. Best effort, off the start-up path: if the orchestrator cannot be asked now,
     * the room's next start finds the orphan through the 409.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void afterRestart() {
        var reopened = rooms.reopenedAfterRestart();
        if (reopened.isEmpty()) return;
        Thread.ofVirtual().name("orphan-sessions").start(() -> {
            for (String roomId : reopened) {
                try {
                    end(roomId, s -> s.createdAt() == null || s.createdAt().isBefore(startedAt));
                } catch (SessionException e) {
                    log.warn("room {}: could not check the orchestrator for a session left by the restart ({}); its next start will",
                            roomId, e.getMessage());
                }
            }
        });
    }
}
