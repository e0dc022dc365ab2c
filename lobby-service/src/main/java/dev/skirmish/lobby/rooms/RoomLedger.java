package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.web.LobbyException;
import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of rooms: every change of a room ({@link RoomService}'s membership rules, {@link RoomStarts}'
 * starts) goes through a method here, which holds the rooms' one lock (private to this class), runs the change in one
 * transaction and publishes its events after the commit ({@link RoomEvents}). It also drives what is derived from the
 * rooms: the seat index ({@link SeatIndex}, kept in step with each change's seats, so callers never write it), the
 * removal of rooms left empty ({@link EmptyRoomTimers}), and the recovery of all of it after a restart. Countdowns
 * are their own class, changed only under this lock.
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

    /**
     * Held for every change of a room, its seats, its countdown or its removal; never outside this class. A lock that
     * parks its waiters: with 160 joins in flight, threads queued on a monitor spun (a quarter of the join CPU in a
     * profile, docs/benchmarks.md).
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final RoomRepository rooms;
    private final Countdowns countdowns;
    private final LobbyProperties props;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final SeatIndex seats;
    private final RoomRows rows;
    /** Profile cluster: other nodes change rooms too, so this node's timers are not the truth. */
    private final boolean shared;
    private final EmptyRoomTimers removals;
    private final List<RoomEvent> recovered = new ArrayList<>();
    private final Set<String> reopened = ConcurrentHashMap.newKeySet();

    RoomLedger(RoomRepository rooms, Countdowns countdowns, TransactionTemplate tx, ApplicationEventPublisher publisher,
               EmptyRoomTimers removals, LobbyProperties props, Clock clock, SeatIndex seats, RoomRows rows, Environment environment) {
        this.seats = seats;
        this.rows = rows;
        this.shared = environment.matchesProfiles("cluster");
        this.rooms = rooms;
        this.countdowns = countdowns;
        this.tx = tx;
        this.publisher = publisher;
        this.removals = removals;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Rebuilds the seat index after a restart; countdowns do not survive one, so STARTING rooms reopen and their
     * members are told why once the application is ready (see {@link #announceRecovery}).
     */
    @PostConstruct
    void recover() {
        lockedRun(() -> tx.executeWithoutResult(s -> recoverLocked()));
        log.info("recovered {} seated players", seats.size());
    }

    private void recoverLocked() {
        for (RoomEntity r : rooms.findAll()) {
            seats.recovered(r);
            // in a cluster, another node may be counting down: ClusterSweep takes over when it dies
            if (shared) continue;
            if (r.getState() == RoomState.STARTING) {
                r.setState(RoomState.OPEN);
                r.setCountdown(null, null, false, null);
                reopened.add(r.getId());
                recovered.add(event("COUNTDOWN_CANCELLED", r, null, null, "the lobby restarted during the countdown; start again", Map.of()));
                log.warn("room {} was STARTING when the lobby stopped; it is OPEN again", r.getId());
            }
            if (r.getSeats().isEmpty()) {
                if (r.getEmptySince() == null) r.setEmptySince(clock.instant());
                scheduleRemoval(r);
            }
        }
    }

    /** Events of the recovery, published once listeners (STOMP broadcast, metrics) are all in place. */
    @EventListener(ApplicationReadyEvent.class)
    void announceRecovery() {
        lockedRun(() -> {
            RoomEvents.publish(publisher, recovered);
            recovered.clear();
        });
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
        return locked(() -> mutate(roomId, change, viewerId));
    }

    /**
     * {@link #change} for a change that only adds seats (a join), with the same lock, row lock, transaction, seat
     * claims and events, but read and written with plain JDBC ({@link RoomRows}) instead of Hibernate.
     */
    RoomView addSeats(String roomId, Change change, String viewerId) {
        return locked(() -> inTransaction(viewerId, events -> {
            RoomEntity r = rows.lockAndLoad(roomId).orElseThrow(() -> notFound(roomId));
            var before = RoomRows.Before.of(r);
            RoomEntity after = change.apply(r, events);
            rows.storeAddedSeats(before, after);
            seats.follow(after, before.playerIds());
            return after;
        }));
    }

    /** {@link #change}, only if the room exists and passes {@code when}; otherwise nothing happens. */
    void changeIf(String roomId, Predicate<RoomEntity> when, Change change) {
        lockedRun(() -> tx.executeWithoutResult(s -> {
            if (!seats.lockRoom(roomId) || rooms.findById(roomId).filter(when).isEmpty()) return;
            mutate(roomId, change, null);
        }));
    }

    /** {@link #change} of the room the player sits in, if any (looked up under the same lock). */
    void changeRoomOf(String playerId, Change change) {
        lockedRun(() -> roomOf(playerId).ifPresent(roomId -> {
            try {
                mutate(roomId, change, playerId);
            } catch (LobbyException e) {
                // the seat went elsewhere (another node) between the look-up and the change: nothing to do
                if (!"ROOM_NOT_FOUND".equals(e.code())) throw e;
            }
        }));
    }

    /** {@link #change} after the room's countdown is over (its launch reported back), as one step under the lock. */
    RoomView changeEndingCountdown(String roomId, Change change) {
        return locked(() -> mutate(roomId, (r, ev) -> {
            countdowns.finish(r);
            return change.apply(r, ev);
        }, null));
    }

    /**
     * Saves a new room under the lock, its creator seated in it; refused while the creator holds another seat. Written
     * with plain JDBC ({@link RoomRows#insert}), as a join is: nothing reads it back through JPA in this transaction.
     */
    RoomView create(String ownerId, Supplier<RoomEntity> newRoom) {
        return locked(() -> {
            requireSeatless(ownerId);
            var events = new ArrayList<RoomEvent>();
            RoomView v = SeatIndex.guarded(() -> tx.execute(s -> {
                RoomEntity r = newRoom.get();
                rows.insert(r);
                seats.follow(r, Set.of());
                Seat owner = requireMember(r, ownerId);
                events.add(event("CREATED", r, ownerId, owner.getPlayerName(), null, Map.of()));
                return view(r, true);
            }));
            RoomEvents.publish(publisher, events);
            return v;
        });
    }

    /** Reads a room under the lock, so no change is half done while {@code query} looks. */
    <T> T read(String roomId, Function<Optional<RoomEntity>, T> query) {
        return locked(() -> query.apply(rooms.findById(roomId)));
    }

    /** Claims the finished countdown for its launch: the room's view, or empty if it was cancelled in the meantime. */
    Optional<RoomView> claimLaunch(String roomId, long countdownId) {
        return locked(() -> tx.execute(s -> {
            if (!seats.lockRoom(roomId)) return Optional.<RoomView>empty();
            return rooms.findById(roomId).filter(r -> countdowns.claim(r, countdownId)).map(r -> view(r, false));
        }));
    }

    Optional<String> roomOf(String playerId) {
        return seats.roomOf(playerId);
    }

    Set<String> seatedPlayers() {
        return seats.seatedPlayers();
    }

    Optional<Set<String>> sharedPlayersIn(String roomId) {
        return seats.sharedPlayersIn(roomId);
    }

    /** Inside a change: refused while the player holds a seat anywhere (seat_claims' key guards it too). */
    void requireSeatless(String playerId) {
        seats.requireSeatless(playerId);
    }

    /** Inside a change: a room revived before its removal keeps existing. */
    void keep(String roomId) {
        removals.cancel(roomId);
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
        return inTransaction(viewerId, events -> {
            if (!seats.lockRoom(roomId)) throw notFound(roomId);
            RoomEntity r = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
            Set<String> before = SeatIndex.seatsOf(r);
            RoomEntity after = change.apply(r, events);
            seats.follow(after, before);
            if (after.getSeats().isEmpty() && after.getEmptySince() != null && !removals.isSet(roomId)) scheduleRemoval(after);
            return after;
        });
    }

    /**
     * Runs {@code step} (load, change and store one room, collecting its events) in one transaction under the seat
     * guard, then publishes the events once it has committed; {@link #mutate} and {@link #addSeats} differ only in
     * how they read and write the room.
     */
    private RoomView inTransaction(String viewerId, Function<List<RoomEvent>, RoomEntity> step) {
        var events = new ArrayList<RoomEvent>();
        RoomView v = SeatIndex.guarded(() -> tx.execute(s -> {
            RoomEntity after = step.apply(events);
            return view(after, viewerId != null && after.seat(viewerId).isPresent());
        }));
        RoomEvents.publish(publisher, events);
        return v;
    }

    private void scheduleRemoval(RoomEntity r) {
        // in a cluster the node that emptied the room may die before its timer: ClusterSweep expires rooms instead
        if (shared) return;
        String id = r.getId();
        removals.set(id, r.getEmptySince().plus(props.emptyRoomTtl()), () -> lockedRun(() -> removeIfStillEmpty(id)));
    }

    /** Removes the empty rooms whose time is up; every node may run it, the row lock lets one of them remove each room. */
    void expireEmptyRooms() {
        for (String id : rooms.findEmptySince(clock.instant().minus(props.emptyRoomTtl()))) {
            lockedRun(() -> removeIfStillEmpty(id));
        }
    }

    private void removeIfStillEmpty(String roomId) {
        removals.done(roomId);
        var events = new ArrayList<RoomEvent>();
        tx.executeWithoutResult(s -> Optional.of(roomId).filter(seats::lockRoom).flatMap(rooms::findById)
                // a room emptied again later has a later emptySince and its own, later timer
                .filter(r -> r.getSeats().isEmpty() && r.getEmptySince() != null
                        && !r.getEmptySince().plus(props.emptyRoomTtl()).isAfter(clock.instant().plusMillis(50)))
                .ifPresent(r -> {
                    rooms.delete(r);
                    events.add(new RoomEvent("REMOVED", roomId, null, null, "empty for " + props.emptyRoomTtl().toSeconds() + " s",
                            Map.of("private", r.isPrivateRoom())));
                    log.info("room {} removed after being empty", roomId);
                }));
        RoomEvents.publish(publisher, events);
    }

    static Seat requireMember(RoomEntity r, String playerId) {
        return r.seat(playerId).orElseThrow(() -> LobbyException.forbidden("NOT_A_MEMBER", "you are not in this room"));
    }

    static void requireOwner(RoomEntity r, String playerId, String what) {
        requireMember(r, playerId);
        if (!r.getOwnerId().equals(playerId)) throw LobbyException.forbidden("NOT_OWNER", "only the room owner may " + what);
    }

    RoomView view(RoomEntity r, boolean withCode) {
        return RoomEvents.view(r, withCode);
    }

    RoomEvent event(String type, RoomEntity r, String playerId, String playerName, String reason, Map<String, Object> data) {
        return RoomEvents.event(type, r, playerId, playerName, reason, data);
    }

    static LobbyException notFound(String roomId) {
        return LobbyException.notFound("ROOM_NOT_FOUND", "no room " + roomId);
    }

    private <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private void lockedRun(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }
}
