package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.web.LobbyException;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every room change shares: one lock (this object; {@link RoomService} and {@link RoomStarts} hold it for each
 * change), one transaction per change with its events published after the commit, the in-memory seat index, the
 * running countdowns, removal of rooms left empty, and the recovery of all of it after a restart.
 */
@Component
class RoomLedger {
    private static final Logger log = LoggerFactory.getLogger(RoomLedger.class);

    record Countdown(long id, Instant endsAt, ScheduledFuture<?> future) {
    }

    interface Change {
        RoomEntity apply(RoomEntity room, List<RoomEvent> events);
    }

    final RoomRepository rooms;
    final LobbyProperties props;
    final Clock clock;
    final TaskScheduler scheduler;
    final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    final Map<String, String> roomOfPlayer = new ConcurrentHashMap<>();
    final Map<String, Countdown> countdowns = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> removals = new ConcurrentHashMap<>();
    private final List<RoomEvent> recovered = new ArrayList<>();
    private final Set<String> reopened = ConcurrentHashMap.newKeySet();

    RoomLedger(RoomRepository rooms, TransactionTemplate tx, ApplicationEventPublisher publisher, TaskScheduler lobbyScheduler,
               LobbyProperties props, Clock clock) {
        this.rooms = rooms;
        this.tx = tx;
        this.publisher = publisher;
        this.scheduler = lobbyScheduler;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Rebuilds the seat index after a restart; countdowns do not survive one, so STARTING rooms reopen and their
     * members are told why once the application is ready (see {@link #announceRecovery}).
     */
    @PostConstruct
    synchronized void recover() {
        tx.executeWithoutResult(s -> {
            for (RoomEntity r : rooms.findAll()) {
                r.getSeats().forEach(seat -> roomOfPlayer.put(seat.getPlayerId(), r.getId()));
                if (r.getState() == RoomState.STARTING) {
                    r.setState(RoomState.OPEN);
                    reopened.add(r.getId());
                    recovered.add(event("COUNTDOWN_CANCELLED", r, null, null, "the lobby restarted during the countdown; start again", Map.of()));
                    log.warn("room {} was STARTING when the lobby stopped; it is OPEN again", r.getId());
                }
                if (r.getSeats().isEmpty()) {
                    if (r.getEmptySince() == null) r.setEmptySince(clock.instant());
                    scheduleRemoval(r);
                }
            }
        });
        log.info("recovered {} seated players", roomOfPlayer.size());
    }

    /** Events of the recovery, published once listeners (STOMP broadcast, metrics) are all in place. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void announceRecovery() {
        publish(recovered);
        recovered.clear();
    }

    /** Rooms that were STARTING when the lobby last stopped: a launch may have been in flight for them. */
    Set<String> reopenedAfterRestart() {
        return Set.copyOf(reopened);
    }

    /** Runs one change of a room in one transaction, then publishes its events. Callers hold the lock. */
    RoomView mutate(String roomId, Change change, String viewerId) {
        var events = new ArrayList<RoomEvent>();
        RoomView v = tx.execute(s -> {
            RoomEntity r = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
            RoomEntity after = change.apply(r, events);
            if (after.getSeats().isEmpty() && after.getEmptySince() != null && removals.get(roomId) == null) scheduleRemoval(after);
            return view(after, viewerId != null && after.seat(viewerId).isPresent());
        });
        publish(events);
        return v;
    }

    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(s -> work.get());
    }

    /** A room revived before its removal keeps existing. */
    void keep(String roomId) {
        cancel(removals.remove(roomId));
    }

    void cancelCountdown(RoomEntity r, String reason, List<RoomEvent> ev) {
        Countdown c = countdowns.remove(r.getId());
        if (c != null) cancel(c.future());
        r.setState(RoomState.OPEN);
        ev.add(event("COUNTDOWN_CANCELLED", r, null, null, reason, Map.of()));
        log.info("room {}: countdown cancelled ({})", r.getId(), reason);
    }

    /** The countdown ran out and the orchestrator is being asked: nothing can cancel it any more. */
    boolean isLaunching(RoomEntity r) {
        Countdown c = countdowns.get(r.getId());
        return c != null && c.future() == null;
    }

    private void scheduleRemoval(RoomEntity r) {
        String id = r.getId();
        Instant at = r.getEmptySince().plus(props.emptyRoomTtl());
        removals.put(id, scheduler.schedule(() -> removeIfStillEmpty(id), at));
    }

    synchronized void removeIfStillEmpty(String roomId) {
        removals.remove(roomId);
        var events = new ArrayList<RoomEvent>();
        tx.executeWithoutResult(s -> rooms.findById(roomId)
                // a room emptied again later has a later emptySince and its own, later timer
                .filter(r -> r.getSeats().isEmpty() && r.getEmptySince() != null
                        && !r.getEmptySince().plus(props.emptyRoomTtl()).isAfter(clock.instant().plusMillis(50)))
                .ifPresent(r -> {
                    rooms.delete(r);
                    events.add(new RoomEvent("REMOVED", roomId, null, null, "empty for " + props.emptyRoomTtl().toSeconds() + " s",
                            Map.of("private", r.isPrivateRoom())));
                    log.info("room {} removed after being empty", roomId);
                }));
        publish(events);
    }

    static Seat requireMember(RoomEntity r, String playerId) {
        return r.seat(playerId).orElseThrow(() -> LobbyException.forbidden("NOT_A_MEMBER", "you are not in this room"));
    }

    static void requireOwner(RoomEntity r, String playerId, String what) {
        requireMember(r, playerId);
        if (!r.getOwnerId().equals(playerId)) throw LobbyException.forbidden("NOT_OWNER", "only the room owner may " + what);
    }

    RoomView view(RoomEntity r, boolean withCode) {
        Countdown c = countdowns.get(r.getId());
        return RoomView.of(r, withCode, r.getState() == RoomState.STARTING && c != null ? c.endsAt() : null);
    }

    RoomEvent event(String type, RoomEntity r, String playerId, String playerName, String reason, Map<String, Object> data) {
        Map<String, String> player = playerId == null ? null : Map.of("id", playerId, "name", playerName);
        return new RoomEvent(type, r.getId(), view(r, false), player, reason, data);
    }

    /**
     * Publishes now, or, when the change ran inside a caller's transaction (a session event reopening its room),
     * once that transaction has committed: clients never hear of a change that was rolled back.
     */
    void publish(List<RoomEvent> events) {
        if (events.isEmpty()) return;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            var later = List.copyOf(events);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    later.forEach(publisher::publishEvent);
                }
            });
            return;
        }
        events.forEach(publisher::publishEvent);
    }

    static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }

    static LobbyException notFound(String roomId) {
        return LobbyException.notFound("ROOM_NOT_FOUND", "no room " + roomId);
    }
}
