package dev.skirmish.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The cryptography is exactly what docs/protocol.md names: ChaCha20-Poly1305 as in RFC 8439 (checked against the
 * RFC's own AEAD test vector), the documented nonce and associated data for packets, and the documented key, nonce
 * and associated data for a token's private part (opened here with a bare JDK cipher, not the project's code).
 */
class CryptoLayoutTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aeadIsChaCha20Poly1305OfRfc8439() {
        // RFC 8439 section 2.8.2
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (0x80 + i);
        }
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
                + "future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        String expected = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69"
                + "da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b"
                + "4831d7bc3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691"; // ... + tag
        byte[] sealed = Aead.seal(key, nonce, aad, plaintext);
        assertThat(HEX.formatHex(sealed)).isEqualTo(expected);
        assertThat(Aead.open(key, nonce, aad, sealed)).hasValueSatisfying(p -> assertThat(p).isEqualTo(plaintext));
        sealed[sealed.length - 1] ^= 1;
        assertThat(Aead.open(key, nonce, aad, sealed)).isEmpty();
    }

    @Test
    void theWorkedKeepAliveExampleIsByteExactAndInTheDocument() throws Exception {
        // the document's example: token keys 00..1f and 20..3f, server salt 40..4f, client salt 50..5f, and the
        // client's first packet of the connection (sequence 0) under the derived client-to-server key
        byte[] c2s = HEX.parseHex("20add92ae140b9d22aa10f969607425de2cd7bbabe68753031a481a4cc6105e7");
        byte[] datagram = PacketCodec.encodeSealed(new KeepAlive(1, 2), 0L, c2s);
        String hex = HEX.formatHex(datagram);
        assertThat(hex).isEqualTo("05000000000000000018ec31d63d266d1170de1b9caf3445857d8ea797");
        Path doc = Path.of("..", "docs", "protocol.md");
        if (Files.exists(doc)) { // run from the module directory (Maven): the document must show the same bytes
            String text = Files.readString(doc).replaceAll("[ \\n|]", "").toLowerCase();
            assertThat(text).contains(hex);
        }
    }

    @Test
    void theTokenPrivatePartIsSealedAsDocumented() throws Exception {
        byte[] sessionKey = ConnectTokens.newSessionKey();
        byte[] raw = Base64.getDecoder().decode(ConnectTokens.issue(sessionKey, "s-1", "p-7", "alice",
                new InetSocketAddress("127.0.0.1", 7003), Instant.ofEpochSecond(1_900_000_000L)));
        // token: PROTOCOL_ID, str session, i64 expiry, u16 timeout, address (kind 4: 4 + 2), 32, 32, 12
        int privateStart = 8 + 1 + 3 + 8 + 2 + 1 + 4 + 2 + 32 + 32 + 12;
        byte[] tokenNonce = Arrays.copyOfRange(raw, privateStart - 12, privateStart);
        int privateLength = ((raw[privateStart] & 0xFF) << 8) | (raw[privateStart + 1] & 0xFF);
        assertThat(raw.length).isEqualTo(privateStart + 2 + privateLength);
        // v2 associated data: PROTOCOL_ID || str session_id || i64 expires_at (what the server can rebuild)
        byte[] aad = ByteBuffer.allocate(8 + 4 + 8).put("SKIRMSH3".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 3).put("s-1".getBytes(StandardCharsets.US_ASCII)).putLong(1_900_000_000L).array();

        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionKey, "ChaCha20"), new IvParameterSpec(tokenNonce));
        cipher.updateAAD(aad);
        ByteBuffer p = ByteBuffer.wrap(cipher.doFinal(raw, privateStart + 2, privateLength));
        assertThat(str(p)).isEqualTo("s-1");
        assertThat(str(p)).isEqualTo("p-7");
        assertThat(str(p)).isEqualTo("alice");
        assertThat(p.getLong()).isEqualTo(1_900_000_000L);
        byte[] keys = new byte[64];
        p.get(keys);
        assertThat(keys).isEqualTo(Arrays.copyOfRange(raw, privateStart - 12 - 64, privateStart - 12));
        assertThat(p.hasRemaining()).isFalse();
    }

    @Test
    void connectionKeysAreHkdfExpandOfTheTokenKeysAsDocumented() throws Exception {
        byte[] tokenC2s = new byte[32];
        byte[] tokenS2c = new byte[32];
        byte[] serverSalt = new byte[16];
        byte[] clientSalt = new byte[16];
        for (int i = 0; i < 32; i++) {
            tokenC2s[i] = (byte) i;
            tokenS2c[i] = (byte) (0x20 + i);
        }
        for (int i = 0; i < 16; i++) {
            serverSalt[i] = (byte) (0x40 + i);
            clientSalt[i] = (byte) (0x50 + i);
        }
        ConnectionKeys keys = ConnectionKeys.derive(tokenC2s, tokenS2c, serverSalt, clientSalt);
        // a bare JDK HMAC, as a client in another language would compute it
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(tokenC2s, "HmacSHA256"));
        mac.update("SKIRMSH3c2s".getBytes(StandardCharsets.US_ASCII));
        mac.update(serverSalt);
        mac.update(clientSalt);
        mac.update((byte) 1);
        assertThat(keys.clientToServer()).isEqualTo(mac.doFinal());
        String c2s = HEX.formatHex(keys.clientToServer());
        String s2c = HEX.formatHex(keys.serverToClient());
        assertThat(c2s).isNotEqualTo(s2c);
        Path doc = Path.of("..", "docs", "protocol.md");
        if (Files.exists(doc)) { // the worked example in the document shows these very bytes
            String text = Files.readString(doc).replaceAll("[ \\n|]", "").toLowerCase();
            assertThat(text).contains(c2s).contains(s2c);
        }
    }

    private static String str(ByteBuffer b) {
        byte[] s = new byte[b.get() & 0xFF];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
