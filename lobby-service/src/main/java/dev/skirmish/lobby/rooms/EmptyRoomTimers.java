package dev.skirmish.lobby.rooms;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * One lobby process (no profile {@code cluster}): the timer per empty room that removes it once {@code empty-room-ttl}
 * has passed. Set and cancelled only by {@link EmptyRoomRemoval}, inside the ledger's changes; the removal itself
 * checks again under the rooms' lock, so a room revived meanwhile stays. In a cluster {@link ClusterSweep} expires rooms.
 */
@Component
class EmptyRoomTimers {
    private final TaskScheduler scheduler;
    private final Map<String, ScheduledFuture<?>> removals = new ConcurrentHashMap<>();

    EmptyRoomTimers(TaskScheduler lobbyScheduler) {
        this.scheduler = lobbyScheduler;
    }

    boolean isSet(String roomId) {
        return removals.get(roomId) != null;
    }

    void set(String roomId, Instant at, Runnable removal) {
        removals.put(roomId, scheduler.schedule(removal, at));
    }

    /** The timer fired or the room is being removed: forget it. */
    void done(String roomId) {
        removals.remove(roomId);
    }

    /** The room was revived before its removal. */
    void cancel(String roomId) {
        ScheduledFuture<?> f = removals.remove(roomId);
        if (f != null) f.cancel(false);
    }
}
