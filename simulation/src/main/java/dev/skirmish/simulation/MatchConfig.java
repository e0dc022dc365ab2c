package dev.skirmish.simulation;

/**
 * Settings of one match.
 *
 * @param tickRate     simulation steps per second (default 60, 10..240)
 * @param matchSeconds length of the running phase (default 180, 1..86400)
 * @param seed         seed of the match's deterministic PRNG (default 0)
 */
public record MatchConfig(int tickRate, int matchSeconds, long seed) {
    public static final int DEFAULT_TICK_RATE = 60;
    public static final int DEFAULT_MATCH_SECONDS = 180;

    public MatchConfig {
        if (tickRate < 10 || tickRate > 240) {
            throw new IllegalArgumentException("tickRate must be 10..240, got " + tickRate);
        }
        if (matchSeconds < 1 || matchSeconds > 86_400) {
            throw new IllegalArgumentException("matchSeconds must be 1..86400, got " + matchSeconds);
        }
    }

    public static MatchConfig defaults() {
        return new MatchConfig(DEFAULT_TICK_RATE, DEFAULT_MATCH_SECONDS, 0L);
    }

    public MatchConfig withSeed(long newSeed) {
        return new MatchConfig(tickRate, matchSeconds, newSeed);
    }

    /** Number of ticks the running phase lasts. */
    public int matchTicks() {
        return tickRate * matchSeconds;
    }

    /** Seconds per tick. */
    public float dt() {
        return 1f / tickRate;
    }

    public int ticks(double seconds) {
        return Rules.ticks(seconds, tickRate);
    }
}
