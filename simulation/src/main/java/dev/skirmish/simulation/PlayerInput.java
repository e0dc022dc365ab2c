package dev.skirmish.simulation;

/**
 * The buttons one player holds during one tick, with the client's input sequence number.
 *
 * @param sequence client input sequence (≥ 0), echoed back in snapshots for prediction
 * @param buttons  button bitmask: {@link #LEFT}, {@link #RIGHT}, {@link #JUMP}, {@link #SWORD}, {@link #PISTOL}
 */
public record PlayerInput(int sequence, byte buttons) {
    public static final int LEFT = 1;
    public static final int RIGHT = 1 << 1;
    public static final int JUMP = 1 << 2;
    public static final int SWORD = 1 << 3;
    public static final int PISTOL = 1 << 4;
    public static final int ALL_BUTTONS = LEFT | RIGHT | JUMP | SWORD | PISTOL;

    /** No buttons: what a player without an input this tick does. */
    public static final PlayerInput NONE = new PlayerInput(0, (byte) 0);

    public PlayerInput {
        if (sequence < 0) {
            throw new IllegalArgumentException("input sequence must be >= 0, got " + sequence);
        }
        if ((buttons & ~ALL_BUTTONS) != 0) {
            throw new IllegalArgumentException("unknown input bits 0x" + Integer.toHexString(buttons & 0xFF));
        }
    }

    /** Validating factory; {@code bits} must only use the five known buttons. */
    public static PlayerInput fromBits(int sequence, int bits) {
        if ((bits & ~ALL_BUTTONS) != 0) {
            throw new IllegalArgumentException("unknown input bits 0x" + Integer.toHexString(bits));
        }
        return new PlayerInput(sequence, (byte) bits);
    }

    public static PlayerInput of(int sequence, boolean left, boolean right, boolean jump, boolean sword,
            boolean pistol) {
        int b = (left ? LEFT : 0) | (right ? RIGHT : 0) | (jump ? JUMP : 0) | (sword ? SWORD : 0)
                | (pistol ? PISTOL : 0);
        return new PlayerInput(sequence, (byte) b);
    }

    /** The bitmask as an unsigned int. */
    public int bits() {
        return buttons & 0xFF;
    }

    public boolean left() {
        return (buttons & LEFT) != 0;
    }

    public boolean right() {
        return (buttons & RIGHT) != 0;
    }

    public boolean jump() {
        return (buttons & JUMP) != 0;
    }

    public boolean sword() {
        return (buttons & SWORD) != 0;
    }

    public boolean pistol() {
        return (buttons & PISTOL) != 0;
    }

    /** -1 left, +1 right, 0 both or none. */
    public int direction() {
        return (right() ? 1 : 0) - (left() ? 1 : 0);
    }
}
