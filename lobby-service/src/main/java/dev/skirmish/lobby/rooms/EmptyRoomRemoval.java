package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes rooms left empty for {@code empty-room-ttl}: one lobby process by a timer per room ({@link EmptyRoomTimers},
 * set by {@link RoomLedger}'s changes and {@link RoomRecovery}), a cluster by {@link ClusterSweep}'s periodic
 * {@link #expireEmptyRooms}. Either way the removal checks again under the rooms' lock and the room's row lock that
 * the room is still empty and its time is up, so a room revived meanwhile stays and only one node removes it.
 */
@Component
class EmptyRoomRemoval {
    private static final Logger log = LoggerFactory.getLogger(EmptyRoomRemoval.class);

    private final RoomLock lock;
    private final RoomRepository rooms;
    private final SeatIndex seats;
    private final EmptyRoomTimers timers;
    private final TransactionTemplate tx;
    private final LobbyProperties props;
    private final Clock clock;
    /** Profile cluster: the node that emptied the room may die before its timer, so ClusterSweep expires rooms. */
    private final boolean shared;

    EmptyRoomRemoval(RoomLock lock, RoomRepository rooms, SeatIndex seats, EmptyRoomTimers timers, TransactionTemplate tx,
                     LobbyProperties props, Clock clock, Environment environment) {
        this.lock = lock;
        this.rooms = rooms;
        this.seats = seats;
        this.timers = timers;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
        this.shared = environment.matchesProfiles("cluster");
    }

    /** Under the lock: sets the room's removal timer if the room is empty and has none yet (one process only). */
    void scheduleIfEmpty(RoomEntity r) {
        if (shared || !r.getSeats().isEmpty() || r.getEmptySince() == null || timers.isSet(r.getId())) return;
        String id = r.getId();
        timers.set(id, r.getEmptySince().plus(props.emptyRoomTtl()), () -> lock.run(() -> removeIfStillEmpty(id)));
    }

    /** Under the lock: a room revived before its removal keeps existing. */
    void cancel(String roomId) {
        timers.cancel(roomId);
    }

    /** Removes the empty rooms whose time is up; every node may run it, the row lock lets one of them remove each room. */
    void expireEmptyRooms() {
        for (String id : rooms.findEmptySince(clock.instant().minus(props.emptyRoomTtl()))) {
            lock.run(() -> removeIfStillEmpty(id));
        }
    }

    private void removeIfStillEmpty(String roomId) {
        timers.done(roomId);
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
        lock.publish(events);
    }
}
