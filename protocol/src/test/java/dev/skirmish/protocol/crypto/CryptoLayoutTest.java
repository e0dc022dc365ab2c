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
        byte[] c2s = new byte[32];
        for (int i = 0; i < 32; i++) {
            c2s[i] = (byte) i; // 00 01 .. 1f, as in the document
        }
        byte[] datagram = PacketCodec.encodeSealed(new KeepAlive(1, 2), 0x0000_0190_0000_0000L, c2s);
        String hex = HEX.formatHex(datagram);
        assertThat(hex).isEqualTo("050000019000000000448c1ba8631c2dfc0386858bd9c4e22275a71837");
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
        // public part: PROTOCOL_ID, str session, i64 expiry, u16 timeout, address (kind 4: 4 + 2), 32, 32, 12
        int publicLength = 8 + 1 + 3 + 8 + 2 + 1 + 4 + 2 + 32 + 32 + 12;
        byte[] publicPart = Arrays.copyOf(raw, publicLength);
        byte[] tokenNonce = Arrays.copyOfRange(raw, publicLength - 12, publicLength);
        int privateLength = ((raw[publicLength] & 0xFF) << 8) | (raw[publicLength + 1] & 0xFF);
        assertThat(raw.length).isEqualTo(publicLength + 2 + privateLength);

        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionKey, "ChaCha20"), new IvParameterSpec(tokenNonce));
        cipher.updateAAD(publicPart);
        ByteBuffer p = ByteBuffer.wrap(cipher.doFinal(raw, publicLength + 2, privateLength));
        assertThat(str(p)).isEqualTo("s-1");
        assertThat(str(p)).isEqualTo("p-7");
        assertThat(str(p)).isEqualTo("alice");
        assertThat(p.getLong()).isEqualTo(1_900_000_000L);
        byte[] keys = new byte[64];
        p.get(keys);
        assertThat(keys).isEqualTo(Arrays.copyOfRange(raw, publicLength - 12 - 64, publicLength - 12));
        assertThat(p.hasRemaining()).isFalse();
    }

    private static String str(ByteBuffer b) {
        byte[] s = new byte[b.get() & 0xFF];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
