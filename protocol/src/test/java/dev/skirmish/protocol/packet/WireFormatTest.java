package dev.skirmish.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.crypto.Aead;
import dev.skirmish.protocol.snapshot.ItemSnapshot;
import dev.skirmish.protocol.snapshot.MatchInfo;
import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.SnapshotCodec;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Builds bytes by hand from docs/protocol.md (ByteBuffer, no project codec) and checks the codecs agree, so the
 * document an engine developer reads stays true.
 */
class WireFormatTest {
    final byte[] key = ConnectTokens.newSessionKey();

    @Test
    void tokenFieldsAreAtTheDocumentedOffsets() {
        Instant expires = Instant.ofEpochSecond(1_900_000_000L);
        byte[] raw = Base64.getDecoder().decode(ConnectTokens.issue(key, "s-3f9c2a", "p-1", "alice",
                new InetSocketAddress("127.0.0.1", 7003), expires));
        ByteBuffer b = ByteBuffer.wrap(raw);
        byte[] id = new byte[8];
        b.get(id);
        assertThat(new String(id, StandardCharsets.US_ASCII)).isEqualTo("SKIRMSH3");
        byte[] session = new byte[b.get()];
        b.get(session);
        assertThat(new String(session, StandardCharsets.UTF_8)).isEqualTo("s-3f9c2a");
        assertThat(b.getLong()).isEqualTo(1_900_000_000L);
        assertThat(b.getShort()).isEqualTo((short) 10);
        assertThat(b.get()).isEqualTo((byte) 4);
        assertThat(new byte[] {b.get(), b.get(), b.get(), b.get()}).containsExactly(127, 0, 0, 1);
        assertThat(b.getShort() & 0xFFFF).isEqualTo(7003);
        byte[] c2s = new byte[32];
        byte[] s2c = new byte[32];
        byte[] nonce = new byte[12];
        b.get(c2s).get(s2c).get(nonce);
        int privateLength = b.getShort() & 0xFFFF;
        assertThat(b.remaining()).isEqualTo(privateLength);
        byte[] priv = new byte[privateLength];
        b.get(priv);
        // associated data: PROTOCOL_ID, str session id, i64 expiry
        byte[] aad = ByteBuffer.allocate(8 + 1 + 8 + 8).put("SKIRMSH3".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 8).put("s-3f9c2a".getBytes(StandardCharsets.US_ASCII)).putLong(1_900_000_000L).array();
        assertThat(ConnectTokens.open(key, priv, nonce, aad)).hasValueSatisfying(p -> {
            assertThat(p.playerName()).isEqualTo("alice");
            assertThat(p.clientToServerKey()).isEqualTo(c2s);
            assertThat(p.serverToClientKey()).isEqualTo(s2c);
        });
        assertThat(raw.length).isBetween(200, 240);
    }

    @Test
    void handBuiltSealedInputIsUnderstood() {
        ByteBuffer payload = ByteBuffer.allocate(4 + 4 + 1 + 2 * 5);
        payload.putInt(0xFFFFFFFF).putInt(0).put((byte) 2);
        payload.putInt(2).put((byte) 0b10101); // LEFT + JUMP + PISTOL
        payload.putInt(1).put((byte) 0);
        long sequence = 0x0000_0190_0000_0000L;
        byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(sequence).array();
        byte[] aad = ByteBuffer.allocate(9).put("SKIRMSH3".getBytes(StandardCharsets.US_ASCII)).put((byte) 0x06)
                .array();
        byte[] sealed = Aead.seal(key, nonce, aad, payload.array());
        byte[] datagram = ByteBuffer.allocate(9 + sealed.length).put((byte) 0x06).putLong(sequence).put(sealed).array();

        SealedPacket decoded = PacketCodec.decodeSealed(datagram, key).orElseThrow();
        assertThat(decoded.sequence()).isEqualTo(sequence);
        assertThat(decoded.packet()).isEqualTo(new InputPacket(SnapshotPacket.NO_TICK, 0,
                List.of(new InputFrame(2, InputFrame.LEFT | InputFrame.JUMP | InputFrame.PISTOL), new InputFrame(1, 0))));
        assertThat(PacketCodec.encodeSealed(decoded.packet(), sequence, key)).isEqualTo(datagram);
    }

    @Test
    void keepAliveWorkedExampleIs29Bytes() {
        byte[] d = PacketCodec.encodeSealed(new KeepAlive(1, 2), 0x0000_0190_0000_0000L, key);
        assertThat(d).hasSize(29);
        assertThat(HexFormat.of().formatHex(d, 0, 9)).isEqualTo("050000019000000000");
    }

    @Test
    void handBuiltStateMatchesTheDocumentedLayout() {
        // full snapshot: match phase 1, end tick 100; player 2 at x = 10 px; item 0 kind 1 state 1 (the bit
        // string of docs/protocol.md "Worked example", most significant bit first, zero-padded to a byte)
        byte[] state = bits(
                "00011" + "0" + "01" + "01" + "0000000011001000"  // match mask phase+endTick; phase 1; zz(100)=200
                        + "0" + "0000001"                           // 1 player changed
                        + "1" + "00" + "0010"                       // index gap 2 (index 2)
                        + "000001" + "0"                            // mask: x; no other field
                        + "01" + "10100000"                         // x: zz(80) = 160 in the 8-bit class
                        + "00"                                      // no removed players
                        + "0" + "0000001" + "0"                     // 1 item, index gap 0
                        + "000011" + "0" + "01" + "0" + "01"        // mask kind+state; kind 1; state 1
                        + "00");                                    // no removed items
        WorldSnapshot expected = WorldSnapshot.of(new MatchInfo(1, 100, 0),
                List.of(new PlayerSnapshot(2, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                List.of(new ItemSnapshot(0, 1, 1, 0, 0, 0, 0)));
        assertThat(SnapshotCodec.decode(WorldSnapshot.EMPTY, state)).contains(expected);
        assertThat(SnapshotCodec.encodeFull(expected, 1000).bytes()).containsExactly(state);
        // delta: player 2 moves to x = 9 px, item 0 removed
        WorldSnapshot next = WorldSnapshot.of(new MatchInfo(1, 100, 0),
                List.of(new PlayerSnapshot(2, 72, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), List.of());
        byte[] delta = bits("00000"                                 // match unchanged
                + "0" + "0000001" + "1" + "00" + "0010"             // 1 player, index 2
                + "000001" + "0" + "00" + "1111"                    // mask x; x: zz(-8) = 15 in the 4-bit class
                + "00"                                              // no removed players
                + "0" + "0000000"                                   // no item changed
                + "01" + "0000001" + "00" + "0000");                // 1 removed item, index gap 0
        assertThat(SnapshotCodec.encode(expected, next, 1000).bytes()).containsExactly(delta);
        assertThat(SnapshotCodec.decode(expected, delta)).contains(next);
    }

    /** A string of 0s and 1s as bytes, most significant bit first, the last byte padded with zeros. */
    static byte[] bits(String s) {
        byte[] out = new byte[(s.length() + 7) / 8];
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '1') {
                out[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return out;
    }

    @Test
    void connectionRequestLayoutCarriesNoKey() {
        ConnectToken token = ConnectToken.parse(ConnectTokens.issue(key, "s", "p", "bob",
                new InetSocketAddress("127.0.0.1", 9), Instant.ofEpochSecond(1_900_000_000L)));
        byte[] d = PacketCodec.encodePlain(token.request());
        ByteBuffer b = ByteBuffer.wrap(d);
        assertThat(b.get()).isEqualTo((byte) 1);
        byte[] id = new byte[8];
        b.get(id);
        assertThat(id).isEqualTo("SKIRMSH3".getBytes(StandardCharsets.US_ASCII));
        assertThat(b.getLong()).isEqualTo(1_900_000_000L);
        byte[] nonce = new byte[12];
        b.get(nonce);
        assertThat(nonce).isEqualTo(token.nonce());
        int len = b.getShort();
        byte[] t = new byte[len];
        b.get(t);
        assertThat(t).isEqualTo(token.privatePart());
        while (b.hasRemaining()) {
            assertThat(b.get()).isZero();
        }
        assertThat(d).hasSize(1200);
        assertThat(indexOf(d, token.clientToServerKey())).isNegative();
        assertThat(indexOf(d, token.serverToClientKey())).isNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
