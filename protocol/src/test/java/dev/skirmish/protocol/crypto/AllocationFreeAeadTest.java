package dev.skirmish.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free ChaCha20-Poly1305 ({@link ChaCha20Poly1305} behind {@link Aead}) against RFC 8439's AEAD test
 * vector and, byte for byte, against the JDK's cipher; forgeries (any flipped bit, a wrong key, nonce or associated
 * data) are refused without touching the output.
 */
class AllocationFreeAeadTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc8439AeadTestVector() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (0x80 + i);
        }
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = Aead.seal(key, nonce, aad, plain);
        assertThat(HEX.formatHex(sealed, 0, 16)).isEqualTo("d31a8d34648e60db7b86afbc53ef7ec2");
        assertThat(HEX.formatHex(sealed, sealed.length - 16, sealed.length))
                .isEqualTo("1ae10b594f09e26a7e902ecbd0600691");
        assertThat(Aead.open(key, nonce, aad, sealed)).hasValueSatisfying(p -> assertThat(p).isEqualTo(plain));
    }

    @Test
    void sameBytesAsTheJdkCipherForEveryLengthUpToADatagram() throws Exception {
        Random random = new Random(17);
        for (int length = 0; length <= 1200; length += 1 + random.nextInt(7)) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            byte[] aad = bytes(random, random.nextInt(40));
            byte[] plain = bytes(random, length);
            byte[] ours = Aead.seal(key, nonce, aad, plain);
            assertThat(ours).as("length %d", length).isEqualTo(jdkSeal(key, nonce, aad, plain));
            assertThat(Aead.open(key, nonce, aad, ours)).hasValueSatisfying(p -> assertThat(p).isEqualTo(plain));
        }
    }

    @Test
    void forgedCiphertextTagKeyNonceOrAssociatedDataIsRefused() {
        Random random = new Random(3);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 12);
        byte[] aad = bytes(random, 9);
        byte[] sealed = Aead.seal(key, nonce, aad, bytes(random, 100));
        for (int bit = 0; bit < sealed.length * 8; bit += 3) {
            byte[] forged = sealed.clone();
            forged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Aead.open(key, nonce, aad, forged)).as("bit %d flipped", bit).isEmpty();
        }
        byte[] otherKey = key.clone();
        otherKey[31] ^= 1;
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        byte[] otherAad = aad.clone();
        otherAad[8] ^= 1;
        assertThat(Aead.open(otherKey, nonce, aad, sealed)).isEmpty();
        assertThat(Aead.open(key, otherNonce, aad, sealed)).isEmpty();
        assertThat(Aead.open(key, nonce, otherAad, sealed)).isEmpty();
        assertThat(Aead.open(key, nonce, null, sealed)).isEmpty();
    }

    @Test
    void sequenceNonceOverloadsMatchTheExplicitNonce() {
        Random random = new Random(5);
        byte[] key = bytes(random, 32);
        byte[] plain = bytes(random, 300);
        byte[] a = new byte[316];
        byte[] b = new byte[316];
        Aead.sealInto(key, 0x0102030405060708L, null, plain, 0, 300, a, 0);
        Aead.sealInto(key, Aead.sequenceNonce(0x0102030405060708L), null, plain, 0, 300, b, 0);
        assertThat(a).isEqualTo(b);
        assertThat(Aead.open(key, 0x0102030405060708L, null, a, 0, a.length))
                .hasValueSatisfying(p -> assertThat(p).isEqualTo(plain));
    }

    /**
     * Sealing is on every snapshot of every match: at most Bouncy Castle's few small parameter objects (~200 bytes
     * before C2 compiles them away, 0 after; a loaded machine may not have compiled yet), never the JDK cipher's ~4 KB.
     */
    @Test
    void sealingAllocatesNothingPerPacket() {
        Random random = new Random(9);
        byte[] key = bytes(random, 32);
        byte[] aad = bytes(random, 9);
        byte[] plain = bytes(random, 1100);
        byte[] out = new byte[1116];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        for (int i = 0; i < 2_000; i++) {
            Aead.sealInto(key, i, aad, plain, 0, plain.length, out, 0); // warm up (JIT, thread-local engine)
        }
        long before = threads.getThreadAllocatedBytes(self);
        int packets = 20_000;
        for (int i = 0; i < packets; i++) {
            Aead.sealInto(key, 10_000 + i, aad, plain, 0, plain.length, out, 0);
        }
        long perPacket = (threads.getThreadAllocatedBytes(self) - before) / packets;
        assertThat(perPacket).as("bytes allocated per sealed packet").isLessThan(512);
    }

    private static byte[] jdkSeal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        c.updateAAD(aad);
        return c.doFinal(plain);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
