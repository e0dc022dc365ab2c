package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;

/**
 * One tick of a player's controls. {@code sequence} counts the client's input ticks (u32, starting at 1);
 * {@code moveX} is the horizontal stick in [-1, 1]; {@code buttons} is a bit set of the constants below.
 * The server clamps nothing: out-of-range or NaN values make the whole packet invalid.
 */
public record InputFrame(long sequence, float moveX, int buttons) {
    public static final int JUMP = 1;
    public static final int ATTACK = 1 << 1;
    public static final int SHOOT = 1 << 2;
    public static final int DOWN = 1 << 3;
    /** Bits a client may set; the others are reserved and must be zero. */
    public static final int KNOWN_BUTTONS = JUMP | ATTACK | SHOOT | DOWN;
    public static final int WIRE_BYTES = 9;

    public InputFrame {
        if (sequence < 1 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("input sequence must be 1..2^32-1");
        }
        if (!(moveX >= -1f && moveX <= 1f)) { // also false for NaN
            throw new IllegalArgumentException("moveX must be in [-1, 1]: " + moveX);
        }
        if ((buttons & ~KNOWN_BUTTONS) != 0) {
            throw new IllegalArgumentException("unknown button bits: " + buttons);
        }
    }

    public boolean pressed(int button) {
        return (buttons & button) != 0;
    }

    void write(WireWriter w) {
        w.u32(sequence).f32(moveX).u8(buttons);
    }

    static InputFrame read(WireReader r) {
        long seq = r.u32();
        float move = r.f32();
        int buttons = r.u8();
        try {
            return new InputFrame(seq, move, buttons);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException(e.getMessage());
        }
    }
}
