package dev.skirmish.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketCodecTest {
    final byte[] key = ConnectTokens.newSessionKey();

    static List<Packet> sealedSamples() {
        List<NetEvent> events = List.of(new NetEvent(1, 3, new byte[] {1, 2}), new NetEvent(2, 4, new byte[0]));
        return List.of(
                new Challenge(77, new byte[Protocol.SALT_BYTES], new byte[] {9, 8, 7}),
                new Denied(Denied.Reason.NAME_NOT_ALLOWED),
                new KeepAlive(3, 8),
                new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(5, InputFrame.JUMP | InputFrame.LEFT),
                        new InputFrame(4, 0), new InputFrame(2, InputFrame.PISTOL | InputFrame.SWORD | InputFrame.RIGHT))),
                new SnapshotPacket(100, 90, 42, events, new byte[] {1, 2, 3, 4}),
                new SnapshotPacket(100, SnapshotPacket.NO_TICK, 0, List.of(), new byte[0]),
                new EventsPacket(events),
                new Disconnect(Disconnect.Reason.SERVER_SHUTDOWN));
    }

    @Test
    void sealedPacketsRoundTrip() {
        long seq = 1;
        for (Packet p : sealedSamples()) {
            byte[] datagram = PacketCodec.encodeSealed(p, seq, key);
            assertThat(datagram[0] & 0xFF).isEqualTo(p.type().code());
            assertThat(datagram.length).isEqualTo(PacketCodec.sealedSize(p)).isLessThanOrEqualTo(1200);
            SealedPacket decoded = PacketCodec.decodeSealed(datagram, key).orElseThrow();
            assertThat(decoded.sequence()).isEqualTo(seq);
            assertThat(decoded.packet()).isEqualTo(p);
            seq++;
        }
    }

    @Test
    void plainPacketsRoundTripAndTheRequestIsExactly1200Bytes() {
        ConnectionRequest req = ConnectToken.parse(ConnectTokens.issue(key, "s", "p", "alice",
                new InetSocketAddress("127.0.0.1", 1), Instant.now().plusSeconds(60))).request();
        byte[] datagram = PacketCodec.encodePlain(req);
        assertThat(datagram).hasSize(Protocol.MAX_PACKET_BYTES);
        assertThat(PacketCodec.decodePlain(datagram)).contains(req);
        ChallengeResponse resp = new ChallengeResponse(5, new byte[Protocol.SALT_BYTES], new byte[] {1, 2, 3});
        assertThat(PacketCodec.decodePlain(PacketCodec.encodePlain(resp))).contains(resp);
    }

    @Test
    void requestShorterThan1200OrWithDirtyPaddingIsRejected() {
        byte[] datagram = PacketCodec.encodePlain(new ConnectionRequest(1, new byte[12], new byte[100]));
        assertThat(PacketCodec.decodePlain(java.util.Arrays.copyOf(datagram, 1199))).isEmpty();
        byte[] dirty = datagram.clone();
        dirty[1199] = 1;
        assertThat(PacketCodec.decodePlain(dirty)).isEmpty();
        assertThat(PacketCodec.decodePlain(java.util.Arrays.copyOf(datagram, 1201))).isEmpty();
    }

    @Test
    void wrongKeyTruncationBitFlipsAndOversizeAreRejected() {
        for (Packet p : sealedSamples()) {
            byte[] datagram = PacketCodec.encodeSealed(p, 9, key);
            assertThat(PacketCodec.decodeSealed(datagram, ConnectTokens.newSessionKey())).isEmpty();
            for (int len = 0; len < datagram.length; len++) {
                assertThat(PacketCodec.decodeSealed(datagram, 0, len, key)).isEmpty();
            }
            for (int i = 0; i < datagram.length; i++) {
                byte[] flipped = datagram.clone();
                flipped[i] ^= 0x10;
                assertThat(PacketCodec.decodeSealed(flipped, key)).as("flip %d of %s", i, p.type()).isEmpty();
            }
            byte[] big = java.util.Arrays.copyOf(datagram, 1201);
            assertThat(PacketCodec.decodeSealed(big, 0, big.length, key)).isEmpty();
        }
    }

    @Test
    void aPacketSealedAsOneTypeCannotBeRelabelled() {
        byte[] datagram = PacketCodec.encodeSealed(new KeepAlive(1, 2), 3, key);
        datagram[0] = (byte) PacketType.DISCONNECT.code();
        assertThat(PacketCodec.decodeSealed(datagram, key)).isEmpty();
    }

    @Test
    void invalidInputValuesMakeThePacketInvalid() {
        assertThatThrownBy(() -> new InputFrame(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputFrame(1L << 31, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputFrame(1, 0x20)).isInstanceOf(IllegalArgumentException.class);
        // a sealed INPUT whose plaintext has a reserved button bit: authentic but invalid, so still dropped
        var w = new dev.skirmish.protocol.wire.WireWriter();
        w.u32(0).u32(0).u8(1).u32(1).u8(0x40);
        byte[] ct = dev.skirmish.protocol.crypto.Aead.seal(key, dev.skirmish.protocol.crypto.Aead.sequenceNonce(1),
                PacketCodec.associatedData(PacketType.INPUT), w.toByteArray());
        byte[] datagram = new dev.skirmish.protocol.wire.WireWriter().u8(PacketType.INPUT.code()).i64(1).bytes(ct)
                .toByteArray();
        assertThat(PacketCodec.decodeSealed(datagram, key)).isEmpty();
    }

    @Test
    void tooManyInputsOrEventsAreRefusedAtConstruction() {
        List<InputFrame> nine = new ArrayList<>();
        for (int i = 9; i >= 1; i--) {
            nine.add(new InputFrame(i, 0));
        }
        assertThatThrownBy(() -> new InputPacket(0, 0, nine)).hasMessageContaining("1..8");
        assertThatThrownBy(() -> new InputPacket(0, 0, List.of(new InputFrame(1, 0), new InputFrame(2, 0))))
                .hasMessageContaining("newest first");
        assertThatThrownBy(() -> PacketCodec.encodeSealed(
                new SnapshotPacket(2, SnapshotPacket.NO_TICK, 0, List.of(), new byte[1200]), 1, key))
                .hasMessageContaining("exceeds 1200");
    }

    @Test
    void replayWindowRejectsDuplicatesAndOldSequences() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.accept(10)).isTrue();
        assertThat(w.accept(10)).isFalse();
        assertThat(w.accept(5)).isTrue(); // late but inside the window
        assertThat(w.accept(5)).isFalse();
        assertThat(w.accept(300)).isTrue();
        assertThat(w.accept(44)).as("300 - 256 = 44 is too old").isFalse();
        assertThat(w.accept(45)).isTrue();
        assertThat(w.accept(10)).isFalse();
        assertThat(w.accept(-1)).isFalse();
        assertThat(w.accept(1L << 60)).isTrue();
        assertThat(w.accept(301)).isFalse();
    }
}
