package dev.skirmish.lobby.housekeeping;

import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.SessionException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The safety net under the session events: every IN_GAME room and RUNNING match whose session is over at the
 * orchestrator (for longer than the grace, so its own event with the result could arrive) or that the orchestrator
 * does not know at all is ended, and its room opened again. Asks with the service key ({@code GET /api/sessions/{id}}).
 */
@Component
public class RoomRepair {
    private static final Logger log = LoggerFactory.getLogger(RoomRepair.class);

    private final RoomService rooms;
    private final MatchService matchService;
    private final SessionClient sessions;
    private final HousekeepingProperties props;
    private final Clock clock;

    RoomRepair(RoomService rooms, MatchService matchService, SessionClient sessions, HousekeepingProperties props,
               Clock clock) {
        this.rooms = rooms;
        this.matchService = matchService;
        this.sessions = sessions;
        this.props = props;
        this.clock = clock;
    }

    /** @return sessions repaired in this run */
    public int runOnce() {
        Map<String, String> roomOfSession = new LinkedHashMap<>(rooms.sessionsInGame());
        matchService.runningSessions().forEach(roomOfSession::putIfAbsent);
        int repaired = 0;
        for (var entry : roomOfSession.entrySet()) {
            String sessionId = entry.getKey();
            Optional<SessionClient.SessionStatus> status;
            try {
                status = sessions.status(sessionId);
            } catch (SessionException e) {
                log.debug("repair: orchestrator not available ({}); next run", e.getMessage());
                return repaired;
            }
            String state;
            String reason;
            if (status.isEmpty()) {
                state = "CRASHED";
                reason = "UNKNOWN_AT_ORCHESTRATOR";
            } else if (status.get().isTerminal()
                    && (status.get().endedAt() == null || !status.get().endedAt().plus(props.repairGrace()).isAfter(clock.instant()))) {
                state = status.get().state();
                reason = status.get().endReason() != null ? status.get().endReason() : state;
            } else {
                continue;
            }
            log.warn("repair: session {} of room {} is {} at the orchestrator but still running here; ending it", sessionId, entry.getValue(),
                    status.isEmpty() ? "unknown" : state);
            try {
                matchService.repair(entry.getValue(), sessionId, state, reason);
                repaired++;
            } catch (RuntimeException e) {
                log.error("repair of session {} failed; next run", sessionId, e);
            }
        }
        return repaired;
    }
}
