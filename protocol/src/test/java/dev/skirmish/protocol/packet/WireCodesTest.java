package dev.skirmish.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import org.junit.jupiter.api.Test;

/** The reason codes of {@link Denied} and {@link Disconnect} through the one helper both use. */
class WireCodesTest {

    @Test
    void everyReasonRoundTripsWithItsFixedCode() {
        for (Denied.Reason r : Denied.Reason.values()) {
            WireWriter w = new WireWriter();
            new Denied(r).writePayload(w);
            assertThat(Denied.read(new WireReader(w.toByteArray())).reason()).isEqualTo(r);
        }
        for (Disconnect.Reason r : Disconnect.Reason.values()) {
            WireWriter w = new WireWriter();
            new Disconnect(r).writePayload(w);
            assertThat(Disconnect.read(new WireReader(w.toByteArray())).reason()).isEqualTo(r);
        }
        // the codes are the protocol (docs/protocol.md), whatever the order of the constants
        assertThat(Denied.Reason.ALREADY_CONNECTED.code()).isEqualTo(4);
        assertThat(Denied.Reason.KICKED.code()).isEqualTo(5);
        assertThat(Disconnect.Reason.TOO_FAR_BEHIND.code()).isEqualTo(6);
    }

    /** A forged reason byte (a code no constant has) is a malformed packet, dropped like any other. */
    @Test
    void anUnknownCodeFromTheNetworkIsMalformed() {
        // 5 became DENIED KICKED (issue 18, the operator's kick from a running match)
        for (int code : new int[] {0, 6, 200, 255}) {
            assertThatThrownBy(() -> Denied.read(new WireReader(new byte[] {(byte) code})))
                    .isInstanceOf(MalformedPacketException.class).hasMessageContaining("denied reason " + code);
        }
        for (int code : new int[] {0, 7, 255}) {
            assertThatThrownBy(() -> Disconnect.read(new WireReader(new byte[] {(byte) code})))
                    .isInstanceOf(MalformedPacketException.class).hasMessageContaining("disconnect reason " + code);
        }
    }

    enum Clash implements WireCodes.Coded {
        A(1), B(1);

        private final int code;

        Clash(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    enum TooBig implements WireCodes.Coded {
        A(256);

        private final int code;

        TooBig(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** Two constants with one code would make a received byte ambiguous: refused when the table is built. */
    @Test
    void codesMustBeUniqueAndFitOneByte() {
        assertThatThrownBy(() -> new WireCodes<>(Clash.class, "clash")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("code 1 used by both A and B");
        assertThatThrownBy(() -> new WireCodes<>(TooBig.class, "big")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside one byte");
    }
}
