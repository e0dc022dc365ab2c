package dev.skirmish.protocol.netsim;

import java.time.Duration;
import java.util.Locale;

/**
 * What a {@link NetworkSimulator} does to each datagram, in each direction on its own: drop it with
 * {@code lossPercent}, delay it by {@code latency} ± a uniform {@code jitter} (one way, as netcode.io's simulator
 * does: a round trip gets both), send a second copy with {@code duplicatePercent}, and hold it back past later ones
 * with {@code reorderPercent}. Same seed and same datagrams in the same order give the same fate to each.
 *
 * @param seed of the pseudo-random fates (each direction derives its own stream from it)
 */
public record NetworkConditions(double lossPercent, Duration latency, Duration jitter, double duplicatePercent,
                                double reorderPercent, long seed) {
    /** Longest latency or jitter accepted: longer is a broken link, not a slow one. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(10);
    public static final NetworkConditions PERFECT = new NetworkConditions(0, Duration.ZERO, Duration.ZERO, 0, 0, 1);

    public NetworkConditions {
        percent("loss", lossPercent);
        percent("duplicate", duplicatePercent);
        percent("reorder", reorderPercent);
        delay("latency", latency);
        delay("jitter", jitter);
    }

    /** Loss, latency and jitter only (no extra duplication or reordering beyond what jitter causes). */
    public static NetworkConditions of(double lossPercent, Duration latency, Duration jitter, long seed) {
        return new NetworkConditions(lossPercent, latency, jitter, 0, 0, seed);
    }

    public boolean perfect() {
        return lossPercent == 0 && latency.isZero() && jitter.isZero() && duplicatePercent == 0
                && reorderPercent == 0;
    }

    /** "5%", "5" or "0.5%": a percentage 0..100. */
    public static double parsePercent(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a percentage: " + text);
        }
        percent("value", v);
        return v;
    }

    /** "100ms", "0.1s" or "100" (milliseconds): 0..10 s. */
    public static Duration parseDelay(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scaleMs = 1;
        if (t.endsWith("ms")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
            scaleMs = 1000;
        }
        double ms;
        try {
            ms = Double.parseDouble(t.strip()) * scaleMs;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (like 100ms or 0.1s): " + text);
        }
        if (!(ms >= 0) || ms > MAX_DELAY.toMillis()) {
            throw new IllegalArgumentException("a delay must be 0..10s: " + text);
        }
        Duration d = Duration.ofNanos(Math.round(ms * 1_000_000));
        delay("value", d);
        return d;
    }

    private static void percent(String name, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException(name + " must be 0..100 %, got " + v);
        }
    }

    private static void delay(String name, Duration d) {
        if (d == null || d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(name + " must be 0..10 s, got " + d);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %.1f%%, latency %d ms ± %d ms, duplicate %.1f%%, reorder %.1f%%",
                lossPercent, latency.toMillis(), jitter.toMillis(), duplicatePercent, reorderPercent);
    }
}
