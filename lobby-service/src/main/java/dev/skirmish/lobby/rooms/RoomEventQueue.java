package dev.skirmish.lobby.rooms;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The room events of committed changes, published in the order of the changes but after the rooms' lock
 * ({@link RoomLock}) is released. Publishing (the room view to JSON twice, the broker's fan-out) was held inside the
 * lock, so a thread descheduled there stopped every room change of the node (issue 19: 160 joins in flight on two
 * cores). Now a change queues its events under the lock, and the thread that releases the lock publishes everything
 * queued so far, one publisher at a time, so clients still hear a room's changes in the order they were made, and a
 * change's caller returns only once its own events are out (whoever published them).
 *
 * <p>A listener that changes a room itself queues that change's events, which the loop publishing it sends next
 * (it never waits for the publisher it is part of); a change never waits for the publisher while it holds the rooms'
 * lock, so the two locks cannot deadlock.
 */
@Component
class RoomEventQueue {
    private static final Logger log = LoggerFactory.getLogger(RoomEventQueue.class);

    private final ApplicationEventPublisher publisher;
    /** One entry per change, so one change's events are never interleaved with another's. */
    private final ConcurrentLinkedQueue<List<RoomEvent>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock publishing = new ReentrantLock();
    /** Changes queued and changes published: equal when nothing waits (the common case of a read under the lock). */
    private final AtomicLong queued = new AtomicLong();
    private volatile long published;

    RoomEventQueue(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Committed changes of this node's rooms so far (each counted before its caller returns): what reads a room count
     * kept from before compares it to know that no change of this node came since ({@code lobby.rooms} gauges).
     */
    long changes() {
        return queued.get();
    }

    /** Queues one committed change's events; the rooms' lock orders the callers. */
    void add(List<RoomEvent> events) {
        if (events.isEmpty()) return;
        // counted before it is queued: published == queued then means that everything queued is out
        queued.incrementAndGet();
        waiting.add(List.copyOf(events));
    }

    /**
     * Publishes every queued change in order and returns when they are all out, this thread's included (another
     * thread may be publishing them: this one waits for it). Inside a listener of this queue it returns at once: the
     * loop that called the listener publishes the rest.
     */
    void drain() {
        if (published == queued.get() || publishing.isHeldByCurrentThread()) return;
        publishing.lock();
        try {
            for (List<RoomEvent> change; (change = waiting.poll()) != null; published++) {
                for (RoomEvent e : change) publishOne(e);
            }
        } finally {
            publishing.unlock();
        }
    }

    /** A listener's failure is not the change's (committed) nor another caller's (whose events this thread may send). */
    private void publishOne(RoomEvent e) {
        try {
            publisher.publishEvent(e);
        } catch (RuntimeException ex) {
            log.warn("room {}: a listener of its {} event failed", e.roomId(), e.type(), ex);
        }
    }
}
