package dev.skirmish.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlayerInputTest {
    @Test
    void everyKnownBitmaskRoundTrips() {
        for (int bits = 0; bits < 32; bits++) {
            PlayerInput in = PlayerInput.fromBits(5, bits);
            assertThat(in.bits()).isEqualTo(bits);
            assertThat(PlayerInput.of(5, in.left(), in.right(), in.jump(), in.sword(), in.pistol())).isEqualTo(in);
        }
    }

    @Test
    void buttonsMapToTheirBits() {
        PlayerInput in = PlayerInput.fromBits(1, PlayerInput.RIGHT | PlayerInput.PISTOL);
        assertThat(in.right()).isTrue();
        assertThat(in.pistol()).isTrue();
        assertThat(in.left() || in.jump() || in.sword()).isFalse();
        assertThat(in.direction()).isEqualTo(1);
        assertThat(PlayerInput.fromBits(1, PlayerInput.LEFT).direction()).isEqualTo(-1);
    }

    @Test
    void unknownBitsAndNegativeSequencesAreRefused() {
        for (int bits = 32; bits < 256; bits++) {
            int b = bits;
            assertThatThrownBy(() -> PlayerInput.fromBits(1, b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown input bits");
        }
        assertThatThrownBy(() -> PlayerInput.fromBits(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlayerInput(1, (byte) 0x80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlayerInput.fromBits(-1, 0)).hasMessageContaining("sequence");
    }
}
