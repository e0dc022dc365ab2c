package dev.skirmish.protocol.netsim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fate of datagrams on one direction of a simulated link, sans I/O (the way netcode.io and yojimbo test
 * themselves): {@link #submit} returns when each copy of a datagram is to be delivered, or nothing when it is lost.
 * Deterministic: a seed and the order of submissions decide every fate, whatever the clock says. A blackout drops
 * everything until it ends. Thread-safe (a relay's two directions each use their own instance).
 */
public final class NetworkSimulator {
    /** One copy of a datagram and the {@link System#nanoTime()}-based time it arrives. */
    public record Delivery(long atNanos, byte[] datagram) {
    }

    private final SplittableRandom random;
    private NetworkConditions conditions;
    private long blackoutUntil = Long.MIN_VALUE;
    private boolean blackout;
    private long submitted;
    private long dropped;
    private long duplicated;

    public NetworkSimulator(NetworkConditions conditions, long streamId) {
        this.conditions = conditions;
        this.random = new SplittableRandom(conditions.seed() * 0x9E37_79B9_7F4A_7C15L + streamId);
    }

    public synchronized void conditions(NetworkConditions next) {
        this.conditions = next;
    }

    public synchronized NetworkConditions conditions() {
        return conditions;
    }

    /** Drops every datagram submitted before {@code untilNanos} (a cable pulled out and put back). */
    public synchronized void blackout(long untilNanos) {
        blackout = true;
        blackoutUntil = untilNanos;
    }

    public synchronized List<Delivery> submit(byte[] datagram, long nowNanos) {
        submitted++;
        // the same number of draws for every datagram, so one fate never shifts the stream of the next ones
        double lossDraw = random.nextDouble() * 100;
        double dupDraw = random.nextDouble() * 100;
        double reorderDraw = random.nextDouble() * 100;
        double jitter1 = random.nextDouble();
        double jitter2 = random.nextDouble();
        if (blackout && nowNanos - blackoutUntil < 0) {
            dropped++;
            return List.of();
        }
        if (lossDraw < conditions.lossPercent()) {
            dropped++;
            return List.of();
        }
        List<Delivery> out = new ArrayList<>(2);
        long extra = reorderDraw < conditions.reorderPercent() ? reorderHold() : 0;
        out.add(new Delivery(nowNanos + delay(jitter1) + extra, datagram));
        if (dupDraw < conditions.duplicatePercent()) {
            duplicated++;
            out.add(new Delivery(nowNanos + delay(jitter2), datagram.clone()));
        }
        return out;
    }

    private long delay(double draw) {
        long latency = conditions.latency().toNanos();
        long jitter = conditions.jitter().toNanos();
        return Math.max(0, latency + Math.round((draw * 2 - 1) * jitter));
    }

    /** Long enough that datagrams sent in the next few ticks overtake this one. */
    private long reorderHold() {
        return Math.max(2 * conditions.jitter().toNanos(), 50_000_000L);
    }

    public synchronized long submitted() {
        return submitted;
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long duplicated() {
        return duplicated;
    }
}
