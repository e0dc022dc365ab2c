package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.web.LobbyException;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of rooms: every change of a room ({@link RoomService}'s membership rules, {@link RoomStarts}'
 * starts) goes through a method here, which holds the rooms' one lock ({@link RoomLock}), runs the change in one
 * transaction and publishes its events after the commit and, in the changes' order, after the lock ({@link RoomEventQueue}). It keeps what is derived from the rooms
 * in step with each change: the seat index ({@link SeatIndex}, so callers never write it) and the removal of rooms
 * left empty ({@link EmptyRoomRemoval}); {@link RoomRecovery} rebuilds both after a restart, before the first change.
 * Countdowns are their own class, changed only under the lock.
 *
 * <p>The lock orders the changes of this node only. What guards the rules is the database (issue 15, several lobby
 * nodes): each change takes its room's row lock ({@code select ... for update}) before it reads the room, so a
 * second node's change of the same room waits and then sees the first one's seats (two players racing for the last
 * seat get one seat and one ROOM_FULL), and each seat is a row of {@code seat_claims}, whose primary key refuses a
 * player's second seat anywhere. With profile {@code cluster} the seat index and the timers of this node are not
 * trusted: who sits where is read from {@code seat_claims}, and {@link ClusterSweep} expires empty rooms and takes
 * over countdowns whose node died.
 */
@Component
class RoomLedger {
    private static final Logger log = LoggerFactory.getLogger(RoomLedger.class);

    interface Change {
        RoomEntity apply(RoomEntity room, List<RoomEvent> events);
    }

    private final RoomLock lock;
    private final RoomRepository rooms;
    private final Countdowns countdowns;
    private final TransactionTemplate tx;
    private final SeatIndex seats;
    private final RoomRows rows;
    private final EmptyRoomRemoval removal;
    private final RoomRecovery recovery;

    RoomLedger(RoomLock lock, RoomRepository rooms, Countdowns countdowns, TransactionTemplate tx,
               SeatIndex seats, RoomRows rows, EmptyRoomRemoval removal, RoomRecovery recovery) {
        this.lock = lock;
        this.rooms = rooms;
        this.countdowns = countdowns;
        this.tx = tx;
        this.seats = seats;
        this.rows = rows;
        this.removal = removal;
        this.recovery = recovery;
    }

    /** No change before the seat index and the removal timers are rebuilt from the database. */
    @PostConstruct
    void recover() {
        recovery.recover();
    }

    /**
     * Runs one change of an existing room under the lock in one transaction, then publishes its events (after the
     * caller's transaction commits, if there is one). The seat index follows the seats the change leaves.
     */
    RoomView change(String roomId, Change change, String viewerId) {
        return lock.locked(() -> mutate(roomId, change, viewerId));
    }

    /**
     * {@link #change} for a change that only adds seats (a join), with the same lock, row lock, transaction, seat
     * claims and events, but read and written with plain JDBC ({@link RoomRows}) instead of Hibernate.
     */
    RoomView addSeats(String roomId, Change change, String viewerId) {
        return lock.locked(() -> inTransaction(viewerId, events -> {
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
        lock.run(() -> tx.executeWithoutResult(s -> {
            if (!seats.lockRoom(roomId) || rooms.findById(roomId).filter(when).isEmpty()) return;
            mutate(roomId, change, null);
        }));
    }

    /** {@link #change} of the room the player sits in, if any (looked up under the same lock). */
    void changeRoomOf(String playerId, Change change) {
        lock.run(() -> roomOf(playerId).ifPresent(roomId -> {
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
        return lock.locked(() -> mutate(roomId, (r, ev) -> {
            countdowns.finish(r);
            return change.apply(r, ev);
        }, null));
    }

    /**
     * Saves a new room under the lock, its creator seated in it; refused while the creator holds another seat. Written
     * with plain JDBC ({@link RoomRows#insert}), as a join is: nothing reads it back through JPA in this transaction.
     */
    RoomView create(String ownerId, Supplier<RoomEntity> newRoom) {
        return lock.locked(() -> {
            requireSeatless(ownerId);
            return inTransaction(ownerId, events -> {
                RoomEntity r = newRoom.get();
                rows.insert(r);
                seats.follow(r, Set.of());
                Seat owner = requireMember(r, ownerId);
                events.add(event("CREATED", r, ownerId, owner.getPlayerName(), null, Map.of()));
                return r;
            });
        });
    }

    /** Reads a room under the lock, so no change is half done while {@code query} looks. */
    <T> T read(String roomId, Function<Optional<RoomEntity>, T> query) {
        return lock.locked(() -> query.apply(rooms.findById(roomId)));
    }

    /** Claims the finished countdown for its launch: the room's view, or empty if it was cancelled in the meantime. */
    Optional<RoomView> claimLaunch(String roomId, long countdownId) {
        return lock.locked(() -> tx.execute(s -> {
            if (!seats.lockRoom(roomId)) return Optional.<RoomView>empty();
            return rooms.findById(roomId).filter(r -> countdowns.claim(r, countdownId)).map(r -> view(r, false));
        }));
    }

    /** Rooms that were STARTING when the lobby last stopped: a launch may have been in flight for them. */
    Set<String> reopenedAfterRestart() {
        return recovery.reopenedAfterRestart();
    }

    /** Removes the empty rooms whose time is up (profile cluster: {@link ClusterSweep}; see {@link EmptyRoomRemoval}). */
    void expireEmptyRooms() {
        removal.expireEmptyRooms();
    }

    Optional<String> roomOf(String playerId) {
        return seats.roomOf(playerId);
    }

    boolean seatedIn(String playerId, String roomId) {
        return seats.seatedIn(playerId, roomId);
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
        removal.cancel(roomId);
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
            removal.scheduleIfEmpty(after);
            return after;
        });
    }

    /**
     * Runs {@code step} (load, change and store one room, collecting its events) in one transaction under the seat
     * guard, then publishes the events once it has committed; {@link #mutate}, {@link #addSeats} and {@link #create}
     * differ only in how they read and write the room.
     */
    private RoomView inTransaction(String viewerId, Function<List<RoomEvent>, RoomEntity> step) {
        var events = new ArrayList<RoomEvent>();
        RoomView v = SeatIndex.guarded(() -> tx.execute(s -> {
            RoomEntity after = step.apply(events);
            return view(after, viewerId != null && after.seat(viewerId).isPresent());
        }));
        lock.publish(events);
        return v;
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
}
