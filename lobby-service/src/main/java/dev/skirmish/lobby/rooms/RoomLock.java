package dev.skirmish.lobby.rooms;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The rooms' one lock on this node: held by {@link RoomLedger}'s changes, {@link EmptyRoomRemoval}'s removals and
 * {@link RoomRecovery} for every change of a room, its seats, its countdown or its removal, and by nothing else. A lock
 * that parks its waiters: with 160 joins in flight, threads queued on a monitor spun (a quarter of the join CPU in a
 * profile, docs/benchmarks.md). Across nodes the rooms' row locks order changes (see {@link RoomLedger}).
 */
@Component
class RoomLock {
    private final ReentrantLock lock = new ReentrantLock();

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    void run(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }
}
