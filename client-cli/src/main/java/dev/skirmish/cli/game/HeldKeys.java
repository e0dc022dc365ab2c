package dev.skirmish.cli.game;

import dev.skirmish.simulation.PlayerInput;

/**
 * Terminals report key presses (and auto-repeats) but never releases, so each press holds its button for a short
 * time; auto-repeat keeps a held key alive. Left and right cancel each other. Sword and pistol are short taps,
 * because the simulation acts on a new press.
 */
public final class HeldKeys {
    public static final long MOVE_HOLD_NANOS = 150_000_000L;
    public static final long TAP_NANOS = 50_000_000L;

    private final long[] until = new long[5];

    public void press(int button, long nowNanos) {
        int i = Integer.numberOfTrailingZeros(button);
        if (i >= until.length) {
            return;
        }
        if (button == PlayerInput.LEFT) {
            until[1] = 0;
        } else if (button == PlayerInput.RIGHT) {
            until[0] = 0;
        }
        boolean tap = button == PlayerInput.SWORD || button == PlayerInput.PISTOL;
        until[i] = nowNanos + (tap ? TAP_NANOS : MOVE_HOLD_NANOS);
    }

    /** Buttons held at {@code nowNanos}. */
    public int buttons(long nowNanos) {
        int b = 0;
        for (int i = 0; i < until.length; i++) {
            if (until[i] - nowNanos > 0) {
                b |= 1 << i;
            }
        }
        return b;
    }

    public void releaseAll() {
        java.util.Arrays.fill(until, 0);
    }
}
