package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.web.LobbyException;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of rooms: every change of a room ({@link RoomService}'s membership rules, {@link RoomStarts}'
 * starts) goes through a method here, which holds the rooms' one lock (private to this class), runs the change in one
 * transaction and publishes its events after the commit. It also owns what is derived from the rooms: the in-memory
 * seat index (kept in step with each change's seats, so callers never write it), the removal of rooms left empty,
 * and the recovery of all of it after a restart. Countdowns are their own class, changed only under this lock.
 *
 * <p>The lock orders the changes of this node only. What guards the rules is the database (issue 15, several lobby
 * nodes): each change takes its room's row lock ({@code select ... for update}) before it reads the room, so a
 * second node's change of the same room waits and then sees the first one's seats (two players racing for the last
 * seat get one seat and one ROOM_FULL), and each seat is a row of {@code seat_claims}, whose primary key refuses a
 * player's second seat anywhere. With profile {@code cluster} ({@code shared}) the seat index and the timers of this
 * node are not trusted: who sits where is read from {@code seat_claims}, and {@link ClusterSweep} expires empty rooms
 * and takes over countdowns whose node died.
 */
@Component
class RoomLedger {
    private static final Logger log = LoggerFactory.getLogger(RoomLedger.class);

    interface Change {
        RoomEntity apply(RoomEntity room, List<RoomEvent> events);
    }

    /** Held for every change of a room, its seats, its countdown or its removal; never outside this class. */
    private final Object lock = new Object();
    private final RoomRepository rooms;
    private final Countdowns countdowns;
    private final LobbyProperties props;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final SeatClaims claims;
    /** Profile cluster: other nodes change rooms too, so this node's index and timers are not the truth. */
    private final boolean shared;
    /** Read without the lock (membership checks on every STOMP frame); written only under it. */
    private final Map<String, String> roomOfPlayer = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> removals = new ConcurrentHashMap<>();
    private final List<RoomEvent> recovered = new ArrayList<>();
    private final Set<String> reopened = ConcurrentHashMap.newKeySet();

    RoomLedger(RoomRepository rooms, Countdowns countdowns, TransactionTemplate tx, ApplicationEventPublisher publisher,
               TaskScheduler lobbyScheduler, LobbyProperties props, Clock clock, SeatClaims claims, Environment environment) {
        this.claims = claims;
        this.shared = environment.matchesProfiles("cluster");
        this.rooms = rooms;
        this.countdowns = countdowns;
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
    void recover() {
        synchronized (lock) {
            recoverLocked();
        }
    }

    private void recoverLocked() {
        tx.executeWithoutResult(s -> {
            for (RoomEntity r : rooms.findAll()) {
                r.getSeats().forEach(seat -> roomOfPlayer.put(seat.getPlayerId(), r.getId()));
                // in a cluster, another node may be counting down: ClusterSweep takes over when it dies
                if (shared) continue;
                if (r.getState() == RoomState.STARTING) {
                    r.setState(RoomState.OPEN);
                    r.setCountdown(null, null, false);
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
    void announceRecovery() {
        synchronized (lock) {
            publish(recovered);
            recovered.clear();
        }
    }

    /** Rooms that were STARTING when the lobby last stopped: a launch may have been in flight for them. */
    Set<String> reopenedAfterRestart() {
        return Set.copyOf(reopened);
    }

    /**
     * Runs one change of an existing room under the lock in one transaction, then publishes its events (after the
     * caller's transaction commits, if there is one). The seat index follows the seats the change leaves.
     */
    RoomView change(String roomId, Change change, String viewerId) {
        synchronized (lock) {
            return mutate(roomId, change, viewerId);
        }
    }

    /** {@link #change}, only if the room exists and passes {@code when}; otherwise nothing happens. */
    void changeIf(String roomId, Predicate<RoomEntity> when, Change change) {
        synchronized (lock) {
            tx.executeWithoutResult(s -> {
                if (!claims.lockRoom(roomId) || rooms.findById(roomId).filter(when).isEmpty()) return;
                mutate(roomId, change, null);
            });
        }
    }

    /** {@link #change} of the room the player sits in, if any (looked up under the same lock). */
    void changeRoomOf(String playerId, Change change) {
        synchronized (lock) {
            roomOf(playerId).ifPresent(roomId -> {
                try {
                    mutate(roomId, change, playerId);
                } catch (LobbyException e) {
                    // the seat went elsewhere (another node) between the look-up and the change: nothing to do
                    if (!"ROOM_NOT_FOUND".equals(e.code())) throw e;
                }
            });
        }
    }

    /** {@link #change} after the room's countdown is over (its launch reported back), as one step under the lock. */
    RoomView changeEndingCountdown(String roomId, Change change) {
        synchronized (lock) {
            return mutate(roomId, (r, ev) -> {
                countdowns.finish(r);
                return change.apply(r, ev);
            }, null);
        }
    }

    /** Saves a new room under the lock, its creator seated in it; refused while the creator holds another seat. */
    RoomView create(String ownerId, Supplier<RoomEntity> newRoom) {
        synchronized (lock) {
            requireSeatless(ownerId);
            var events = new ArrayList<RoomEvent>();
            RoomView v = guarded(() -> tx.execute(s -> {
                RoomEntity r = newRoom.get();
                rooms.saveAndFlush(r);
                indexSeats(r, Set.of());
                Seat owner = requireMember(r, ownerId);
                events.add(event("CREATED", r, ownerId, owner.getPlayerName(), null, Map.of()));
                return view(r, true);
            }));
            publish(events);
            return v;
        }
    }

    /** Reads a room under the lock, so no change is half done while {@code query} looks. */
    <T> T read(String roomId, Function<Optional<RoomEntity>, T> query) {
        synchronized (lock) {
            return query.apply(rooms.findById(roomId));
        }
    }

    /** Claims the finished countdown for its launch: the room's view, or empty if it was cancelled in the meantime. */
    Optional<RoomView> claimLaunch(String roomId, long countdownId) {
        synchronized (lock) {
            return tx.execute(s -> {
                if (!claims.lockRoom(roomId)) return Optional.<RoomView>empty();
                return rooms.findById(roomId).filter(r -> countdowns.claim(r, countdownId)).map(r -> view(r, false));
            });
        }
    }

    Optional<String> roomOf(String playerId) {
        return shared ? claims.roomOf(playerId) : Optional.ofNullable(roomOfPlayer.get(playerId));
    }

    Set<String> seatedPlayers() {
        return shared ? claims.seatedPlayers() : Set.copyOf(roomOfPlayer.keySet());
    }

    /** Inside a change: refused while the player holds a seat anywhere (seat_claims' key guards it too). */
    void requireSeatless(String playerId) {
        if (roomOf(playerId).isPresent()) throw alreadyInRoom();
    }

    private static LobbyException alreadyInRoom() {
        return LobbyException.conflict("ALREADY_IN_ROOM", "leave your current room first");
    }

    /** A second seat of one player (another node seated it meanwhile) is refused by seat_claims' key. */
    private static <T> T guarded(Supplier<T> change) {
        try {
            return change.get();
        } catch (DataIntegrityViolationException e) {
            throw alreadyInRoom();
        }
    }

    /** Inside a change: a room revived before its removal keeps existing. */
    void keep(String roomId) {
        cancel(removals.remove(roomId));
    }

    /** Inside a change: stops the room's countdown and opens the room again. */
    void cancelCountdown(RoomEntity r, String reason, List<RoomEvent> ev) {
        countdowns.cancel(r);
        r.setState(RoomState.OPEN);
        ev.add(event("COUNTDOWN_CANCELLED", r, null, null, reason, Map.of()));
        log.info("room {}: countdown cancelled ({})", r.getId(), reason);
    }

    /** The countdown ran out and the orchestrator is being asked: nothing can cancel it any more. */
    boolean isLaunching(RoomEntity r) {
        return Countdowns.isLaunching(r);
    }

    private RoomView mutate(String roomId, Change change, String viewerId) {
        var events = new ArrayList<RoomEvent>();
        RoomView v = guarded(() -> tx.execute(s -> {
            if (!claims.lockRoom(roomId)) throw notFound(roomId);
            RoomEntity r = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
            Set<String> before = seatsOf(r);
            RoomEntity after = change.apply(r, events);
            indexSeats(after, before);
            if (after.getSeats().isEmpty() && after.getEmptySince() != null && removals.get(roomId) == null) scheduleRemoval(after);
            return view(after, viewerId != null && after.seat(viewerId).isPresent());
        }));
        publish(events);
        return v;
    }

    private static Set<String> seatsOf(RoomEntity r) {
        return r.getSeats().stream().map(Seat::getPlayerId).collect(Collectors.toSet());
    }

    /** Brings the seat index in step with the room's seats after a change that started from {@code before}. */
    private void indexSeats(RoomEntity r, Set<String> before) {
        Set<String> now = seatsOf(r);
        before.stream().filter(id -> !now.contains(id)).forEach(id -> {
            claims.release(id, r.getId());
            roomOfPlayer.remove(id, r.getId());
        });
        now.stream().filter(id -> !before.contains(id)).forEach(id -> {
            claims.claim(id, r.getId());
            roomOfPlayer.put(id, r.getId());
        });
    }

    private void scheduleRemoval(RoomEntity r) {
        // in a cluster the node that emptied the room may die before its timer: ClusterSweep expires rooms instead
        if (shared) return;
        String id = r.getId();
        Instant at = r.getEmptySince().plus(props.emptyRoomTtl());
        removals.put(id, scheduler.schedule(() -> {
            synchronized (lock) {
                removeIfStillEmpty(id);
            }
        }, at));
    }

    /** Removes the empty rooms whose time is up; every node may run it, the row lock lets one of them remove each room. */
    void expireEmptyRooms() {
        for (String id : rooms.findEmptySince(clock.instant().minus(props.emptyRoomTtl()))) {
            synchronized (lock) {
                removeIfStillEmpty(id);
            }
        }
    }

    private void removeIfStillEmpty(String roomId) {
        removals.remove(roomId);
        var events = new ArrayList<RoomEvent>();
        tx.executeWithoutResult(s -> Optional.of(roomId).filter(claims::lockRoom).flatMap(rooms::findById)
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
        Instant endsAt = Countdowns.endsAt(r);
        return RoomView.of(r, withCode, r.getState() == RoomState.STARTING && endsAt != null ? endsAt : null);
    }

    RoomEvent event(String type, RoomEntity r, String playerId, String playerName, String reason, Map<String, Object> data) {
        Map<String, String> player = playerId == null ? null : Map.of("id", playerId, "name", playerName);
        return new RoomEvent(type, r.getId(), view(r, false), player, reason, data);
    }

    /**
     * Publishes now, or, when the change ran inside a caller's transaction (a session event reopening its room),
     * once that transaction has committed: clients never hear of a change that was rolled back.
     */
    private void publish(List<RoomEvent> events) {
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

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }

    static LobbyException notFound(String roomId) {
        return LobbyException.notFound("ROOM_NOT_FOUND", "no room " + roomId);
    }
}
