package dev.skirmish.lobby.rooms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a restart leaves to repair: the seat index is rebuilt from the stored seats, empty rooms get their removal
 * timers again, and (one lobby process) countdowns, which do not survive a restart, end: STARTING rooms reopen and
 * their members are told why once the application is ready. {@link RoomLedger} runs {@link #recover} before it
 * serves its first change.
 */
@Component
class RoomRecovery {
    private static final Logger log = LoggerFactory.getLogger(RoomRecovery.class);

    private final RoomLock lock;
    private final RoomRepository rooms;
    private final SeatIndex seats;
    private final EmptyRoomRemoval removal;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Profile cluster: another node may be counting down; ClusterSweep takes over when it dies. */
    private final boolean shared;
    private final List<RoomEvent> recovered = new ArrayList<>();
    private final Set<String> reopened = ConcurrentHashMap.newKeySet();

    RoomRecovery(RoomLock lock, RoomRepository rooms, SeatIndex seats, EmptyRoomRemoval removal, TransactionTemplate tx,
                 Clock clock, Environment environment) {
        this.lock = lock;
        this.rooms = rooms;
        this.seats = seats;
        this.removal = removal;
        this.tx = tx;
        this.clock = clock;
        this.shared = environment.matchesProfiles("cluster");
    }

    void recover() {
        lock.run(() -> tx.executeWithoutResult(s -> {
            for (RoomEntity r : rooms.findAll()) recover(r);
        }));
        log.info("recovered {} seated players", seats.size());
    }

    private void recover(RoomEntity r) {
        seats.recovered(r);
        if (shared) return;
        if (r.getState() == RoomState.STARTING) {
            r.setState(RoomState.OPEN);
            r.setCountdown(null, null, false, null);
            reopened.add(r.getId());
            recovered.add(RoomEvents.event("COUNTDOWN_CANCELLED", r, null, null, "the lobby restarted during the countdown; start again", Map.of()));
            log.warn("room {} was STARTING when the lobby stopped; it is OPEN again", r.getId());
        }
        if (r.getSeats().isEmpty() && r.getEmptySince() == null) r.setEmptySince(clock.instant());
        removal.scheduleIfEmpty(r);
    }

    /** Events of the recovery, published once listeners (STOMP broadcast, metrics) are all in place. */
    @EventListener(ApplicationReadyEvent.class)
    void announceRecovery() {
        lock.run(() -> {
            lock.publish(recovered);
            recovered.clear();
        });
    }

    /** Rooms that were STARTING when the lobby last stopped: a launch may have been in flight for them. */
    Set<String> reopenedAfterRestart() {
        return Set.copyOf(reopened);
    }
}
