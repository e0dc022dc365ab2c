package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.WireWriter;

/**
 * One tick of a player's controls. {@code sequence} counts the client's input ticks (1..2^31-1); {@code buttons}
 * uses the bits of the simulation's {@code PlayerInput} (LEFT, RIGHT, JUMP, SWORD, PISTOL). Unknown bits make the
 * whole packet invalid: the server never guesses what a client meant.
 */
public record InputFrame(long sequence, int buttons) {
    public static final int LEFT = 1;
    public static final int RIGHT = 1 << 1;
    public static final int JUMP = 1 << 2;
    public static final int SWORD = 1 << 3;
    public static final int PISTOL = 1 << 4;
    /** Bits a client may set; the others are reserved and must be zero. */
    public static final int KNOWN_BUTTONS = LEFT | RIGHT | JUMP | SWORD | PISTOL;
    /** Largest sequence: the simulation keeps it in an {@code int}. */
    public static final long MAX_SEQUENCE = Integer.MAX_VALUE;
    public static final int WIRE_BYTES = 5;

    public InputFrame {
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("input sequence must be 1..2^31-1: " + sequence);
        }
        if ((buttons & ~KNOWN_BUTTONS) != 0) {
            throw new IllegalArgumentException("unknown button bits: 0x" + Integer.toHexString(buttons));
        }
    }

    public boolean pressed(int button) {
        return (buttons & button) != 0;
    }

    void write(WireWriter w) {
        w.u32(sequence).u8(buttons);
    }
}
