package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8CheckTest {
    @Test
    void asciiAndWellFormedUtf8AreValid() {
        assertThat(Utf8Check.valid(new byte[0])).isTrue();
        assertThat(Utf8Check.valid("SEND\ndestination:/app/chat\n\n{\"text\":\"hi\"}\0".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8Check.valid("Grüße, ég 🎲 日本".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    /** A bad byte anywhere: in the eight-at-a-time part, in the tail, first, last. */
    @Test
    void malformedSequencesAreInvalidWherever() {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0x80}, {(byte) 0xFF}};
        for (byte[] sequence : bad) {
            for (int at : new int[] {0, 3, 8, 17, 40}) {
                byte[] bytes = new byte[at + sequence.length + (at % 2 == 0 ? 0 : 5)];
                java.util.Arrays.fill(bytes, (byte) 'a');
                System.arraycopy(sequence, 0, bytes, at, sequence.length);
                assertThat(Utf8Check.valid(bytes)).as("%s at %d of %d", java.util.HexFormat.of().formatHex(sequence), at, bytes.length).isFalse();
            }
        }
    }

    @Test
    void asciiIsToldFromAHighByteInEveryPosition() {
        for (int length = 1; length <= 33; length++) {
            byte[] bytes = new byte[length];
            java.util.Arrays.fill(bytes, (byte) 0x7F);
            assertThat(Utf8Check.isAscii(bytes)).isTrue();
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) 0x80;
                assertThat(Utf8Check.isAscii(bytes)).as("high byte at %d of %d", i, length).isFalse();
                bytes[i] = 0x7F;
            }
        }
    }
}
