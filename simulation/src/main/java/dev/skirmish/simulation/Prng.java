package dev.skirmish.simulation;

/**
 * SplitMix64: a tiny, well-mixed PRNG whose whole state is one long, so it lives in {@link MatchState} and a
 * replay draws exactly the same numbers. Mutable, used only inside one step.
 */
final class Prng {
    private long state;

    Prng(long state) {
        this.state = state;
    }

    long state() {
        return state;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), bound > 0. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        // the high 31 bits times the bound, shifted: no modulo bias worth caring about for game use
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [min, max], inclusive. */
    int nextInt(int min, int max) {
        return min + nextInt(max - min + 1);
    }
}
