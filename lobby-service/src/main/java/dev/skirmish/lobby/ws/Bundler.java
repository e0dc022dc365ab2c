package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out {@code node}: groups what this node publishes for other nodes into one {@link Bundle} per window, sent as
 * one RabbitMQ frame: RabbitMQ's cost is per message far more than per byte, and at the goal's load a node publishes
 * a line every millisecond or less. A bundle is closed {@code window} after its first line, or as soon as it holds
 * {@code maxLines} lines or {@code maxBytes} bytes. Lines are appended and bundles closed under one lock, and closed
 * bundles are sent by one thread in the order they were closed, so a room's lines and events keep their order across
 * nodes. That sender also keeps the window (a timed wait on its queue): a timer thread of its own cost a second
 * cross-thread wake-up per bundle (publisher to timer, timer to sender), and each costs this VM more than the
 * bundle's bytes. A write waits only when the connection's bytes in flight are over their bound ({@link UnwaitedWrites}):
 * that wait is the sender thread's, never a publishing thread's nor the connection's I/O thread's; bundles closed
 * while the sender is busy leave joined in the next frame. Memory: the open bundle (at most {@code maxBytes} plus one line) and at most
 * {@link #QUEUED} closed bundles; a publisher waits for room in that queue (the broker connection's pace, as when
 * every line was written by its publisher) rather than anything being dropped.
 */
final class Bundler {
    private static final Logger log = LoggerFactory.getLogger(Bundler.class);
    /** Sends one bundle to RabbitMQ; false when it could not (the node's connection is down). */
    interface Sink {
        boolean send(byte[] bundle, int lines);
    }

    /** Room affinity's sender-side test ({@link Interest#skip}), asked under the lock for each room's line. */
    interface Gate {
        boolean skip(String room);
    }

    static final int QUEUED = 64;
    private static final int MIN_CAPACITY = 256;
    /** A joined frame stays at half what a receiver takes ({@link Bundle#MAX_BYTES}). */
    static final int JOINED_MAX_BYTES = Bundle.MAX_BYTES / 2;
    private static final byte[] NO_TYPE = new byte[0];
    private static final Closed STOP = new Closed(new byte[0], 0);
    /** Queued when a bundle's window starts: wakes the sender to keep that window. */
    private static final Closed WINDOW = new Closed(new byte[0], 0);

    private record Closed(byte[] bytes, int lines) {
    }

    private final Duration window;
    private final int maxBytes;
    private final int maxLines;
    private final Sink sink;
    private final Counter sent;
    private final Counter sentLines;
    private final Counter skipped;
    private final Gate gate;
    private final BlockingQueue<Closed> closed = new ArrayBlockingQueue<>(QUEUED);
    private final Thread sender;
    private final ReentrantLock lock = new ReentrantLock();
    private Bundle.Writer open;
    /**
     * The next bundle's first capacity, from the last closed bundle's size (under the lock): a fixed 4 KiB per bundle,
     * then a copy to its length, was ~100 bytes per delivery on two nodes for bundles of ~1.3 KiB (docs/benchmarks.md,
     * alloc23); a bundle that outgrows it doubles as before.
     */
    private int nextCapacity = 4096;
    /** Written under the lock; the sender reads it without (a publisher may hold the lock while it waits for room in the queue). */
    private volatile boolean flushDue;
    /** When the open bundle's window ends ({@link System#nanoTime}); set under the lock, read by the sender. */
    private volatile long dueAt;
    /** Set under the lock once the sender is told to stop: later bundles are sent by whoever closes them. */
    private boolean stopping;

    Bundler(Duration window, int maxBytes, int maxLines, Sink sink, MeterRegistry meters) {
        this(window, maxBytes, maxLines, sink, meters, room -> false);
    }

    Bundler(Duration window, int maxBytes, int maxLines, Sink sink, MeterRegistry meters, Gate gate) {
        this.gate = gate;
        this.skipped = Counter.builder("lobby.cluster.lines.skipped").description("lines of rooms no other node listens to, kept on this node (room affinity)").register(meters);
        this.sent = Counter.builder("lobby.cluster.bundles.sent").description("bundles this node sent to RabbitMQ").register(meters);
        this.sentLines = Counter.builder("lobby.cluster.bundles.lines").description("lines in the bundles this node sent").register(meters);
        this.window = window;
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
        this.sink = sink;
        // a platform thread of its own: a shared scheduler's other tasks would stretch the window under load
        this.sender = Thread.ofPlatform().daemon().name("bridge-bundle-sender").start(this::sendAll);
    }

    /** Appends one line; false when it exceeds a bundle's bounds (no node would take it) and was not appended. */
    boolean add(String destination, String contentType, byte[] body) {
        return add(destination, null, contentType, body);
    }

    /**
     * Appends one line of {@code room} (null: of no room), unless the gate says no other node needs it (then it is
     * counted as skipped): the test and the append under one lock, in one order with the interest frames.
     */
    boolean add(String destination, String room, String contentType, byte[] body) {
        byte[] type = contentType == null ? NO_TYPE : contentType.getBytes(StandardCharsets.US_ASCII);
        lock.lock();
        try {
            if (room != null && gate.skip(room)) {
                skipped.increment();
                return true;
            }
            if (open == null) open = newWriter();
            if (!open.add(destination, type, body)) {
                if (open.lines() == 0) return false;
                closeLocked();
                open = newWriter();
                if (!open.add(destination, type, body)) return false;
            }
            if (open.lines() >= maxLines || open.bytes() >= maxBytes) {
                closeLocked();
            } else if (stopping) {
                closeLocked(); // no window to wait for
            } else if (!flushDue) {
                dueAt = System.nanoTime() + window.toNanos(); // before the flag: the sender reads them in this order's reverse
                flushDue = true;
                // not put: a full queue wakes the sender anyway, and a publisher must not wait for a wake-up
                closed.offer(WINDOW);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code task} under the lock the lines are appended under (it may append lines itself: the lock is reentrant). */
    void locked(Runnable task) {
        locked(() -> {
            task.run();
            return null;
        });
    }

    /** {@link #locked(Runnable)} for a task with a result. */
    <T> T locked(java.util.function.Supplier<T> task) {
        lock.lock();
        try {
            return task.get();
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is open and queued (for at most {@code wait}), then stops. */
    void shutdown(Duration wait) {
        lock.lock();
        try {
            closeLocked();
            enqueue(STOP);
            stopping = true;
        } finally {
            lock.unlock();
        }
        try {
            sender.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }

    private Bundle.Writer newWriter() {
        return new Bundle.Writer(Math.min(maxBytes, nextCapacity));
    }

    /** Closes the open bundle (the caller holds the lock); sizes the next one from it. */
    private Closed finishLocked(Bundle.Writer bundle) {
        nextCapacity = Math.max(MIN_CAPACITY, bundle.bytes() + bundle.bytes() / 4);
        return new Closed(bundle.finish(), bundle.lines());
    }

    private void closeLocked() {
        Bundle.Writer bundle = open;
        open = null;
        if (bundle == null || bundle.lines() == 0) return;
        if (stopping) {
            send(finishLocked(bundle)); // a line published while the node stops
        } else {
            enqueue(finishLocked(bundle));
        }
    }

    private void enqueue(Closed bundle) {
        try {
            closed.put(bundle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (bundle != STOP) send(bundle); // out of order beats lost: only when interrupted
        }
    }

    private void send(Closed b) {
        try {
            if (!sink.send(b.bytes(), b.lines())) return;
        } catch (RuntimeException e) {
            // the one sender must outlive a bad bundle: publishers would wait for room in its queue for ever
            log.warn("bundle of {} lines not sent to other nodes: {}", b.lines(), e.toString());
            return;
        }
        sent.increment();
        sentLines.increment(b.lines());
    }

    /**
     * Sends what is queued, joining the bundles that queued up while the sender was busy (or waited for the connection's
     * bytes in flight to shrink) into one frame, within what a receiver takes: on a loaded machine a frame per closed
     * bundle let the sender fall behind its publishers when every write was waited for.
     */
    private void sendAll() {
        List<Closed> ready = new ArrayList<>();
        try {
            while (true) {
                if (!nextReady(ready)) continue;
                boolean stop = false;
                List<byte[]> join = new ArrayList<>();
                int bytes = 0;
                int lines = 0;
                for (Closed b : ready) {
                    if (b == STOP) {
                        stop = true;
                        break;
                    }
                    if (!join.isEmpty() && (bytes + b.bytes().length > JOINED_MAX_BYTES || lines + b.lines() > Bundle.MAX_LINES)) {
                        send(joined(join, lines));
                        join.clear();
                        bytes = 0;
                        lines = 0;
                    }
                    join.add(b.bytes());
                    bytes += b.bytes().length;
                    lines += b.lines();
                }
                if (!join.isEmpty()) send(joined(join, lines));
                ready.clear();
                if (stop) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for closed bundles, or for the open bundle's window to end (then closes it): false when there is nothing
     * to send yet. What was queued before the open bundle closed is sent before it.
     */
    private boolean nextReady(List<Closed> ready) throws InterruptedException {
        Closed first;
        if (!flushDue) {
            first = closed.take();
        } else {
            long left = dueAt - System.nanoTime();
            first = left > 0 ? closed.poll(left, TimeUnit.NANOSECONDS) : null;
        }
        if (first != null) {
            ready.add(first);
            takeQueued(ready);
            return !ready.isEmpty();
        }
        // never wait for the lock itself: a publisher holds it while it waits for room in the queue, which only this
        // thread makes; what it queued meanwhile leaves first, and the window is closed on the next round
        while (!lock.tryLock(50, TimeUnit.MICROSECONDS)) {
            takeQueued(ready);
            if (!ready.isEmpty()) return true;
        }
        try {
            if (!flushDue || dueAt - System.nanoTime() > 0) return false;
            flushDue = false;
            takeQueued(ready); // enqueued under this lock: all of them closed before the open bundle
            Bundle.Writer bundle = open;
            open = null;
            if (bundle != null && bundle.lines() > 0) ready.add(finishLocked(bundle));
        } finally {
            lock.unlock();
        }
        return !ready.isEmpty();
    }

    /** Adds what is queued to {@code ready}, without the window's wake-ups (they carry nothing to send). */
    private void takeQueued(List<Closed> ready) {
        closed.drainTo(ready);
        ready.removeIf(b -> b == WINDOW);
    }

    private static Closed joined(List<byte[]> bundles, int lines) {
        return new Closed(bundles.size() == 1 ? bundles.get(0) : Bundle.join(bundles, lines), lines);
    }
}
