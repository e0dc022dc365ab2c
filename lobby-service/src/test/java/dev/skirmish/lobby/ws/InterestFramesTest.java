package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The interest frames' codec. Attack it stops: anyone with RabbitMQ credentials can publish a bundle with interest
 * lines; a malformed or oversized one (huge counts, ids with RabbitMQ wildcards or control characters, a negative or
 * overflowing seq, too many rooms in a snapshot part) is refused whole and allocates nothing beyond its own bytes.
 */
class InterestFramesTest {
    @Test
    void everyFrameRoundTrips() throws Exception {
        assertThat(InterestFrames.decode(InterestFrames.hello()).kind()).isEqualTo(InterestFrames.Kind.HELLO);
        assertThat(InterestFrames.decode(InterestFrames.request()).kind()).isEqualTo(InterestFrames.Kind.REQUEST);
        var add = InterestFrames.decode(InterestFrames.add(7, "r-1"));
        assertThat(add.kind()).isEqualTo(InterestFrames.Kind.ADD);
        assertThat(add.seq()).isEqualTo(7);
        assertThat(add.rooms()).containsExactly("r-1");
        var remove = InterestFrames.decode(InterestFrames.remove(8, "r-1"));
        assertThat(remove.kind()).isEqualTo(InterestFrames.Kind.REMOVE);
        var ack = InterestFrames.decode(InterestFrames.ack("node-a", 9));
        assertThat(ack.kind()).isEqualTo(InterestFrames.Kind.ACK);
        assertThat(ack.node()).isEqualTo("node-a");
        assertThat(ack.seq()).isEqualTo(9);
        var empty = InterestFrames.decode(InterestFrames.snapshot(10, false, List.of()));
        assertThat(empty.kind()).isEqualTo(InterestFrames.Kind.SNAPSHOT);
        assertThat(empty.more()).isFalse();
        assertThat(empty.rooms()).isEmpty();
        List<String> full = new ArrayList<>();
        for (int i = 0; i < InterestFrames.SNAPSHOT_ROOMS; i++) full.add("x".repeat(InterestFrames.MAX_ID - 4) + String.format("%04d", i));
        byte[] largest = InterestFrames.snapshot(Long.parseLong("9".repeat(18)), true, full);
        assertThat(largest.length).isLessThanOrEqualTo(InterestFrames.MAX_BODY);
        var part = InterestFrames.decode(largest);
        assertThat(part.more()).isTrue();
        assertThat(part.rooms()).hasSize(InterestFrames.SNAPSHOT_ROOMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X", "H ", " H", "H  ", "Q 1", "+ 1", "+ 1 r extra", "+ 0 r", "+ -1 r", "+ 1x r", "+ 1234567890123456789 r",
            "+ 1 r.#", "+ 1 r*", "+ 1 r/x", "+ 1 ", "- 1", "A node", "A no.de 1", "A node 0", "S 1", "S 1 2 r", "S 1 0 r  s", "S x 0",
            "+ 1 r\tx", "h"})
    void malformedFramesAreRefused(String text) {
        assertThatThrownBy(() -> InterestFrames.decode(text.getBytes(StandardCharsets.ISO_8859_1))).isInstanceOf(InterestFrames.Malformed.class);
    }

    @Test
    void boundsAreRefused() {
        String longId = "r".repeat(InterestFrames.MAX_ID + 1);
        assertThatThrownBy(() -> InterestFrames.decode(("+ 1 " + longId).getBytes(StandardCharsets.US_ASCII))).isInstanceOf(InterestFrames.Malformed.class);
        var rooms = new StringBuilder("S 1 0");
        for (int i = 0; i <= InterestFrames.SNAPSHOT_ROOMS; i++) rooms.append(" r").append(i);
        assertThatThrownBy(() -> InterestFrames.decode(rooms.toString().getBytes(StandardCharsets.US_ASCII))).isInstanceOf(InterestFrames.Malformed.class);
        assertThatThrownBy(() -> InterestFrames.decode(new byte[InterestFrames.MAX_BODY + 1])).isInstanceOf(InterestFrames.Malformed.class);
        assertThatThrownBy(() -> InterestFrames.decode("+ 1 r\u00e9".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InterestFrames.Malformed.class);
        assertThatThrownBy(() -> InterestFrames.decode(null)).isInstanceOf(InterestFrames.Malformed.class);
    }

    @Test
    void idsAreLettersDigitsAndDashesOnly() {
        assertThat(InterestFrames.validId("3f2a0c1e-aaaa-bbbb-cccc-0123456789ab")).isTrue();
        assertThat(InterestFrames.validId("")).isFalse();
        assertThat(InterestFrames.validId(null)).isFalse();
        assertThat(InterestFrames.validId("a.b")).isFalse();
        assertThat(InterestFrames.validId("a b")).isFalse();
        assertThat(InterestFrames.validId("é")).isFalse();
    }
}
