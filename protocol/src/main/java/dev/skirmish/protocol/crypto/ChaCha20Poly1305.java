package dev.skirmish.protocol.crypto;

import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Arrays;

/**
 * ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8: 32-byte key, 12-byte nonce, 16-byte tag), reused for every packet.
 * The JDK's cipher, re-initialised per packet, allocated ~4 KB of key specs, Poly1305 engines and big-integer limbs
 * each time, which made the packet path the largest source of garbage of a match host (and so of its young-GC
 * pauses). The primitives stay a well-kept library's (Bouncy Castle's ChaCha20 and Poly1305 engines, kept between
 * packets); only the RFC's composition of the two is written here, and the tests check it byte for byte against the
 * RFC's test vector and the JDK's cipher. (Bouncy Castle's own AEAD mode refuses to seal the same key and nonce twice
 * in a row, which the wire-format tests do on purpose, so it is not used.)
 *
 * <p>Not thread-safe: one instance per thread.
 */
final class ChaCha20Poly1305 {
    private static final int TAG_BYTES = 16;
    private static final byte[] ZEROS = new byte[16];
    private final ChaCha7539Engine chacha = new ChaCha7539Engine();
    private final Poly1305 poly = new Poly1305();
    /*
     * Parameter objects kept and refilled in place: Bouncy Castle's engines read the arrays they hold
     * (getKey/getIV hand out the arrays, not copies), and new ones per packet (a key copy, a nonce copy, two wrappers)
     * were ~200 bytes of garbage on every packet of a match host once the JIT's escape analysis gave up on them.
     */
    private final KeyParameter chachaKey = new KeyParameter(new byte[32]);
    private final ParametersWithIV chachaParams = new ParametersWithIV(chachaKey, new byte[12]);
    private final KeyParameter polyKeyParam = new KeyParameter(new byte[32]);
    private final byte[] polyKey = polyKeyParam.getKey();
    private final byte[] tag = new byte[TAG_BYTES];
    private final byte[] lengths = new byte[16];

    /**
     * Seals {@code length} bytes of {@code in} at {@code inOff} into {@code out} at {@code outOff}: ciphertext, then
     * the tag. {@code out} may be {@code in} at the same offset (in place), never overlapping otherwise.
     */
    void seal(byte[] key, byte[] nonce, byte[] aad, byte[] in, int inOff, int length, byte[] out, int outOff) {
        start(key, nonce);
        chacha.processBytes(in, inOff, length, out, outOff);
        authenticate(aad, out, outOff, length);
        poly.doFinal(out, outOff + length);
    }

    /**
     * Verifies the tag of {@code sealed[off, off + length)} (ciphertext + tag) and only then decrypts into
     * {@code out} at {@code outOff} ({@code length - 16} bytes); false, with {@code out} untouched, when the tag
     * does not verify.
     */
    boolean open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int length, byte[] out, int outOff) {
        int n = length - TAG_BYTES;
        start(key, nonce);
        authenticate(aad, sealed, off, n);
        poly.doFinal(tag, 0);
        if (!Arrays.constantTimeAreEqual(TAG_BYTES, tag, 0, sealed, off + n)) {
            return false;
        }
        chacha.processBytes(sealed, off, n, out, outOff);
        return true;
    }

    /** Keys ChaCha20 and Poly1305: the one-time Poly1305 key is keystream block 0; the message starts at block 1. */
    private void start(byte[] key, byte[] nonce) {
        System.arraycopy(key, 0, chachaKey.getKey(), 0, 32);
        System.arraycopy(nonce, 0, chachaParams.getIV(), 0, 12);
        chacha.init(true, chachaParams);
        java.util.Arrays.fill(polyKey, (byte) 0);
        chacha.processBytes(polyKey, 0, 32, polyKey, 0);
        chacha.skip(32); // the rest of block 0
        poly.init(polyKeyParam);
    }

    /** Poly1305 over aad | pad16 | ciphertext | pad16 | le64(aad length) | le64(ciphertext length). */
    private void authenticate(byte[] aad, byte[] ct, int ctOff, int ctLength) {
        int aadLength = aad == null ? 0 : aad.length;
        if (aadLength > 0) {
            poly.update(aad, 0, aadLength);
        }
        poly.update(ZEROS, 0, pad(aadLength));
        poly.update(ct, ctOff, ctLength);
        poly.update(ZEROS, 0, pad(ctLength));
        putLe64(lengths, 0, aadLength);
        putLe64(lengths, 8, ctLength);
        poly.update(lengths, 0, 16);
    }

    private static int pad(int length) {
        return (16 - (length & 15)) & 15;
    }

    private static void putLe64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
