package dev.skirmish.protocol.snapshot;

/**
 * Fixed-point units of snapshots: positions in 1/8 pixel, velocities in whole pixels per second. The server
 * keeps floats; clients only ever see these, so prediction should snap to them after reconciliation.
 */
public final class Quantize {
    public static final int POSITION_STEPS_PER_PIXEL = 8;

    private Quantize() {
    }

    public static int position(double pixels) {
        return clampToInt(Math.round(pixels * POSITION_STEPS_PER_PIXEL));
    }

    public static float positionPixels(int quantized) {
        return quantized / (float) POSITION_STEPS_PER_PIXEL;
    }

    public static int velocity(double pixelsPerSecond) {
        return clampToInt(Math.round(pixelsPerSecond));
    }

    private static int clampToInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)); // NaN rounds to 0
    }
}
