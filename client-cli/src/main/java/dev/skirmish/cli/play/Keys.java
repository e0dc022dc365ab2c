package dev.skirmish.cli.play;

import dev.skirmish.simulation.PlayerInput;

/** Key codes after escape-sequence decoding, and the game's key map. */
public final class Keys {
    public static final int ENTER = 13;
    public static final int ESC = 27;
    public static final int BACKSPACE = 127;
    public static final int UP = 0x1_0000;
    public static final int DOWN = UP + 1;
    public static final int RIGHT = UP + 2;
    public static final int LEFT = UP + 3;

    private Keys() {
    }

    /** The button a key presses in the arena, or 0: arrows or a/d/w, space to jump, j or f sword, k or g pistol. */
    public static int button(int key) {
        return switch (key) {
            case LEFT, 'a', 'A' -> PlayerInput.LEFT;
            case RIGHT, 'd', 'D' -> PlayerInput.RIGHT;
            case UP, 'w', 'W', ' ' -> PlayerInput.JUMP;
            case 'j', 'J', 'f', 'F' -> PlayerInput.SWORD;
            case 'k', 'K', 'g', 'G' -> PlayerInput.PISTOL;
            default -> 0;
        };
    }

    public static boolean isEnter(int key) {
        return key == ENTER || key == '\n';
    }

    public static boolean isBackspace(int key) {
        return key == BACKSPACE || key == 8;
    }
}
