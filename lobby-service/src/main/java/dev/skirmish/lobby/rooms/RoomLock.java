package dev.skirmish.lobby.rooms;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rooms' one lock on this node: held by {@link RoomLedger}'s changes, {@link EmptyRoomRemoval}'s removals and
 * {@link RoomRecovery} for every change of a room, its seats, its countdown or its removal, and by nothing else. A lock
 * that parks its waiters: with 160 joins in flight, threads queued on a monitor spun (a quarter of the join CPU in a
 * profile, docs/benchmarks.md). Across nodes the rooms' row locks order changes (see {@link RoomLedger}). The room
 * events of the changes made under it go out in their order once it is released ({@link RoomEventQueue}), not while
 * it is held.
 */
@Component
class RoomLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final RoomEventQueue events;

    RoomLock(RoomEventQueue events) {
        this.events = events;
    }

    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            unlock();
        }
    }

    void run(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            unlock();
        }
    }

    /**
     * Publishes a committed change's events in the order of the changes: once the outermost {@link #locked} or
     * {@link #run} of this thread returns, or at once when called outside them; when the change ran inside a caller's
     * transaction (a session event reopening its room), once that transaction has committed, so clients never hear
     * of a change that was rolled back.
     */
    void publish(List<RoomEvent> committed) {
        if (committed.isEmpty()) return;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            var later = List.copyOf(committed);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue(later);
                }
            });
            return;
        }
        queue(committed);
    }

    private void queue(List<RoomEvent> committed) {
        events.add(committed);
        if (!lock.isHeldByCurrentThread()) events.drain();
    }

    private void unlock() {
        lock.unlock();
        if (!lock.isHeldByCurrentThread()) events.drain();
    }
}
