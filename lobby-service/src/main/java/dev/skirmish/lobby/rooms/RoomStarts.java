package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starting a match: the owner's start begins the countdown (which a leave, kick or un-ready cancels, see
 * {@link RoomService}); when it runs out the match starter claims the launch and reports how it went; the
 * orchestrator's end of the session opens the room again. Every change holds the rooms' one lock ({@link RoomLedger}).
 */
@Service
public class RoomStarts {
    private static final Logger log = LoggerFactory.getLogger(RoomStarts.class);

    private final RoomLedger ledger;
    private long countdownSeq;

    RoomStarts(RoomLedger ledger) {
        this.ledger = ledger;
    }

    public RoomView start(PlayerToken owner, String roomId) {
        synchronized (ledger) {
            return ledger.mutate(roomId, (r, ev) -> {
                RoomLedger.requireOwner(r, owner.playerId(), "start the match");
                if (r.getState() != RoomState.OPEN) throw LobbyException.conflict("ROOM_NOT_OPEN", "the room is already " + r.getState());
                if (r.getSeats().size() < 2) throw LobbyException.conflict("NOT_ENOUGH_PLAYERS", "at least 2 players are needed");
                if (!r.allReady()) throw LobbyException.conflict("PLAYERS_NOT_READY", "every player must be ready");
                r.setState(RoomState.STARTING);
                long id = ++countdownSeq;
                Instant endsAt = ledger.clock.instant().plus(ledger.props.countdown());
                var future = ledger.scheduler.schedule(() -> ledger.publisher.publishEvent(new CountdownFinished(roomId, id)), endsAt);
                ledger.countdowns.put(roomId, new RoomLedger.Countdown(id, endsAt, future));
                ev.add(ledger.event("COUNTDOWN", r, owner.playerId(), owner.name(), null, Map.of("seconds", ledger.props.countdown().toSeconds())));
                log.info("room {} starting in {}", roomId, ledger.props.countdown());
                return r;
            }, owner.playerId());
        }
    }

    /** Claims the finished countdown; empty if it was cancelled in the meantime. */
    public Optional<RoomView> claimLaunch(String roomId, long countdownId) {
        synchronized (ledger) {
            RoomLedger.Countdown c = ledger.countdowns.get(roomId);
            if (c == null || c.id() != countdownId) return Optional.empty();
            // null future = launching, no longer cancellable
            ledger.countdowns.put(roomId, new RoomLedger.Countdown(c.id(), c.endsAt(), null));
            return ledger.rooms.findById(roomId).filter(r -> r.getState() == RoomState.STARTING).map(r -> ledger.view(r, false));
        }
    }

    public void launched(String roomId, String sessionId, String matchId) {
        synchronized (ledger) {
            ledger.countdowns.remove(roomId);
            ledger.mutate(roomId, (r, ev) -> {
                r.setState(RoomState.IN_GAME);
                r.setSessionId(sessionId);
                r.setMatchId(matchId);
                ev.add(ledger.event("STARTED", r, null, null, null, Map.of("sessionId", sessionId, "matchId", matchId)));
                return r;
            }, null);
        }
    }

    public void launchFailed(String roomId, String reason) {
        synchronized (ledger) {
            ledger.countdowns.remove(roomId);
            ledger.mutate(roomId, (r, ev) -> {
                r.setState(RoomState.OPEN);
                ev.add(ledger.event("START_FAILED", r, null, null, reason, Map.of()));
                return r;
            }, null);
        }
    }

    /** The orchestrator reported the end (or crash) of the room's session: the room opens again. */
    public void ended(String roomId, String sessionId, String reason, Map<String, Object> data) {
        synchronized (ledger) {
            if (ledger.rooms.findById(roomId).filter(r -> sessionId.equals(r.getSessionId())).isEmpty()) return;
            ledger.mutate(roomId, (r, ev) -> {
                r.setState(RoomState.OPEN);
                r.setSessionId(null);
                r.getSeats().forEach(s -> s.setReady(false));
                ev.add(ledger.event("ENDED", r, null, null, reason, data));
                return r;
            }, null);
        }
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
        synchronized (ledger) {
            return ledger.rooms.findById(roomId).map(r -> r.getState() != RoomState.IN_GAME || !sessionId.equals(r.getSessionId())).orElse(true);
        }
    }
}
