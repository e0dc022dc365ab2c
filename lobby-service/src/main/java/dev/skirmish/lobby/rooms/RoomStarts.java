package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.web.LobbyException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starting a match: the owner's start begins the countdown (which a leave, kick or un-ready cancels, see
 * {@link RoomService}); when it runs out the match starter claims the launch and reports how it went; the
 * orchestrator's end of the session opens the room again. Every change goes through {@link RoomLedger} (its lock, one
 * transaction, events after the commit); the countdowns themselves are {@link Countdowns}.
 */
@Service
public class RoomStarts {
    private static final Logger log = LoggerFactory.getLogger(RoomStarts.class);

    private final RoomLedger ledger;
    private final Countdowns countdowns;

    RoomStarts(RoomLedger ledger, Countdowns countdowns) {
        this.ledger = ledger;
        this.countdowns = countdowns;
    }

    public RoomView start(PlayerToken owner, String roomId) {
        return ledger.change(roomId, (r, ev) -> {
            RoomLedger.requireOwner(r, owner.playerId(), "start the match");
            if (r.getState() != RoomState.OPEN) throw LobbyException.conflict("ROOM_NOT_OPEN", "the room is already " + r.getState());
            if (r.getSeats().size() < 2) throw LobbyException.conflict("NOT_ENOUGH_PLAYERS", "at least 2 players are needed");
            if (!r.allReady()) throw LobbyException.conflict("PLAYERS_NOT_READY", "every player must be ready");
            r.setState(RoomState.STARTING);
            countdowns.begin(r);
            ev.add(ledger.event("COUNTDOWN", r, owner.playerId(), owner.name(), null, Map.of("seconds", countdowns.length().toSeconds())));
            log.info("room {} starting in {}", roomId, countdowns.length());
            return r;
        }, owner.playerId());
    }

    /** Claims the finished countdown; empty if it was cancelled in the meantime. */
    public Optional<RoomView> claimLaunch(String roomId, long countdownId) {
        return ledger.claimLaunch(roomId, countdownId);
    }

    public void launched(String roomId, String sessionId, String matchId) {
        ledger.changeEndingCountdown(roomId, (r, ev) -> {
            r.setState(RoomState.IN_GAME);
            r.setSessionId(sessionId);
            r.setMatchId(matchId);
            ev.add(ledger.event("STARTED", r, null, null, null, Map.of("sessionId", sessionId, "matchId", matchId)));
            return r;
        });
    }

    public void launchFailed(String roomId, String reason) {
        ledger.changeEndingCountdown(roomId, (r, ev) -> {
            r.setState(RoomState.OPEN);
            ev.add(ledger.event("START_FAILED", r, null, null, reason, Map.of()));
            return r;
        });
    }

    /** The orchestrator reported the end (or crash) of the room's session: the room opens again. */
    public void ended(String roomId, String sessionId, String reason, Map<String, Object> data) {
        ledger.changeIf(roomId, r -> sessionId.equals(r.getSessionId()), (r, ev) -> {
            r.setState(RoomState.OPEN);
            r.setSessionId(null);
            r.getSeats().forEach(s -> s.setReady(false));
            ev.add(ledger.event("ENDED", r, null, null, reason, data));
            return r;
        });
    }

    /** Rooms that were STARTING when the lobby last stopped: a launch may have been in flight for them. */
    public Set<String> reopenedAfterRestart() {
        return ledger.reopenedAfterRestart();
    }

    /**
     * True when the orchestrator's session {@code sessionId} of this room is not the one the lobby runs its match
     * on: nobody got its connect tokens, so it only holds the room's one live session at the orchestrator.
     */
    public boolean isOrphan(String roomId, String sessionId) {
        return ledger.read(roomId, room -> room.map(r -> r.getState() != RoomState.IN_GAME || !sessionId.equals(r.getSessionId())).orElse(true));
    }
}
