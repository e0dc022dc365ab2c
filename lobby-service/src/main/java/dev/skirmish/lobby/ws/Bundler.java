package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out {@code node}: groups what this node publishes for other nodes into one {@link Bundle} per window, sent as
 * one RabbitMQ frame: RabbitMQ's cost is per message far more than per byte, and at the goal's load a node publishes
 * a line every millisecond or less. A bundle is sent {@code window} after its first line, or as soon as it holds
 * {@code maxLines} lines or {@code maxBytes} bytes. Lines are appended and bundles sent under one lock, so the bundles
 * leave in the order their lines were published, and a room's lines and events keep their order across nodes. The
 * only memory is the open bundle, bounded by {@code maxBytes} plus one line.
 */
final class Bundler {
    /** Sends one bundle to RabbitMQ; false when it could not (the node's connection is down). */
    interface Sink {
        boolean send(byte[] bundle, int lines);
    }

    private static final byte[] NO_TYPE = new byte[0];

    private final Duration window;
    private final int maxBytes;
    private final int maxLines;
    private final Sink sink;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private Bundle.Writer open;
    private boolean flushDue;

    Bundler(Duration window, int maxBytes, int maxLines, Sink sink) {
        this.window = window;
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
        this.sink = sink;
        // one platform thread of its own: a shared scheduler's other tasks would stretch the window under load
        var executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bridge-bundles");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Appends one line; false when it exceeds a bundle's bounds (no node would take it) and was not appended. */
    boolean add(String destination, String contentType, byte[] body) {
        byte[] type = contentType == null ? NO_TYPE : contentType.getBytes(StandardCharsets.US_ASCII);
        synchronized (lock) {
            if (open == null) open = new Bundle.Writer(Math.min(maxBytes, 4096));
            if (!open.add(destination, type, body)) {
                if (open.lines() == 0) return false;
                sendLocked();
                open = new Bundle.Writer(Math.min(maxBytes, 4096));
                if (!open.add(destination, type, body)) return false;
            }
            if (open.lines() >= maxLines || open.bytes() >= maxBytes) {
                sendLocked();
            } else if (!flushDue) {
                flushDue = true;
                try {
                    timer.schedule(this::flush, window.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    sendLocked(); // the node is stopping: no window to wait for
                }
            }
            return true;
        }
    }

    /** Sends the open bundle now (the window ended, or the node stops). */
    void flush() {
        synchronized (lock) {
            flushDue = false;
            sendLocked();
        }
    }

    void shutdown() {
        flush();
        timer.shutdownNow();
    }

    private void sendLocked() {
        Bundle.Writer bundle = open;
        open = null;
        if (bundle != null && bundle.lines() > 0) sink.send(bundle.finish(), bundle.lines());
    }
}
