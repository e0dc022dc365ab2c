package dev.skirmish.cli.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.simulation.PlayerInput;
import org.junit.jupiter.api.Test;

class HeldKeysTest {
    static final long MS = 1_000_000L;

    @Test
    void aPressHoldsForAShortTimeAndOppositeDirectionsCancel() {
        HeldKeys keys = new HeldKeys();
        keys.press(PlayerInput.LEFT, 0);
        assertThat(keys.buttons(100 * MS)).isEqualTo(PlayerInput.LEFT);
        assertThat(keys.buttons(151 * MS)).isZero();
        keys.press(PlayerInput.LEFT, 200 * MS);
        keys.press(PlayerInput.RIGHT, 210 * MS);
        assertThat(keys.buttons(220 * MS)).isEqualTo(PlayerInput.RIGHT);
        keys.press(PlayerInput.JUMP, 220 * MS);
        keys.press(PlayerInput.SWORD, 220 * MS);
        assertThat(keys.buttons(230 * MS)).isEqualTo(PlayerInput.RIGHT | PlayerInput.JUMP | PlayerInput.SWORD);
        assertThat(keys.buttons(300 * MS)).as("sword is a tap").isEqualTo(PlayerInput.RIGHT | PlayerInput.JUMP);
    }

    @Test
    void keyMap() {
        assertThat(dev.skirmish.cli.play.Keys.button(dev.skirmish.cli.play.Keys.LEFT)).isEqualTo(PlayerInput.LEFT);
        assertThat(dev.skirmish.cli.play.Keys.button('d')).isEqualTo(PlayerInput.RIGHT);
        assertThat(dev.skirmish.cli.play.Keys.button(' ')).isEqualTo(PlayerInput.JUMP);
        assertThat(dev.skirmish.cli.play.Keys.button('j')).isEqualTo(PlayerInput.SWORD);
        assertThat(dev.skirmish.cli.play.Keys.button('k')).isEqualTo(PlayerInput.PISTOL);
        assertThat(dev.skirmish.cli.play.Keys.button('x')).isZero();
    }
}
