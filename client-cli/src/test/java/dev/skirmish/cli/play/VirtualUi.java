package dev.skirmish.cli.play;

import dev.skirmish.cli.render.Screen;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/** A terminal in memory: keys are queued by the test, every drawn screen is kept (as text) in order. */
final class VirtualUi implements Ui {
    private final int cols;
    private final int rows;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private final List<String> frames = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    VirtualUi(int cols, int rows) {
        this.cols = cols;
        this.rows = rows;
    }

    /** Runs {@code command} on this terminal on a virtual thread, as a user at a terminal would: its exit code. */
    CompletableFuture<Integer> run(PlayCommand command) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofVirtual().name("play").start(() -> {
            try {
                exit.complete(command.play(() -> this));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        });
        return exit;
    }

    void press(int key) {
        keys.add(key);
    }

    @Override
    public int poll() {
        Integer k = keys.poll();
        return k == null ? -1 : k;
    }

    @Override
    public void draw(Screen s) {
        String text = s.toString();
        // consecutive equal frames (an idle screen) are kept once
        if (frames.isEmpty() || !frames.getLast().equals(text)) {
            frames.add(text);
        }
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void close() {
        closed = true;
    }

    int frameCount() {
        return frames.size();
    }

    /**
     * Waits for a frame drawn at or after index {@code from} that matches; returns its index. Fails with the last
     * frame shown when none comes in time.
     */
    int await(int from, Predicate<String> which, Duration timeout, String what) {
        long until = System.nanoTime() + timeout.toNanos();
        int i = from;
        while (true) {
            for (; i < frames.size(); i++) {
                if (which.test(frames.get(i))) {
                    return i;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no screen with " + what + " within " + timeout + "; last screen:\n"
                        + (frames.isEmpty() ? "(none)" : frames.getLast()));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    String frame(int index) {
        return frames.get(index);
    }
}
