package dev.skirmish.protocol.crypto;

/**
 * ChaCha20-Poly1305 AEAD (RFC 8439: 32-byte key, 12-byte nonce, 16-byte tag) that allocates nothing per packet.
 * The JDK's cipher re-initialised per packet allocated ~4 KB of key specs, Poly1305 engines and big-integer limbs
 * each time, which made the packet path the largest source of garbage of a match host (and so of its young-GC
 * pauses). Its results are checked byte for byte against the JDK's cipher in the tests.
 *
 * <p>Not thread-safe: one instance per thread (its state, keystream block and Poly1305 accumulator are scratch).
 * Poly1305 uses five 26-bit limbs in {@code long}s (products stay below 2^58, so no overflow).
 */
final class ChaCha20Poly1305 {
    private static final long M26 = 0x3ffffff;
    private final int[] state = new int[16];
    private final int[] working = new int[16];
    private final byte[] block = new byte[64];
    private final byte[] pad = new byte[16];
    private long r0, r1, r2, r3, r4, s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private long k0, k1, k2, k3;

    /**
     * Seals {@code length} bytes of {@code in} at {@code inOff} into {@code out} at {@code outOff}: ciphertext, then
     * the tag. {@code out} may be {@code in} at the same offset (in place), never overlapping otherwise.
     */
    void seal(byte[] key, byte[] nonce, byte[] aad, byte[] in, int inOff, int length, byte[] out, int outOff) {
        start(key, nonce);
        xorKeystream(in, inOff, length, out, outOff);
        authenticate(aad, out, outOff, length);
        finish(out, outOff + length);
    }

    /**
     * Verifies the tag of {@code sealed[off, off + length)} (ciphertext + tag) and only then decrypts into
     * {@code out} at {@code outOff} ({@code length - 16} bytes); false, with {@code out} untouched, when the tag
     * does not verify.
     */
    boolean open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int length, byte[] out, int outOff) {
        int n = length - 16;
        start(key, nonce);
        authenticate(aad, sealed, off, n);
        finish(pad, 0);
        int diff = 0;
        for (int i = 0; i < 16; i++) {
            diff |= pad[i] ^ sealed[off + n + i]; // constant time: no early exit on the first wrong byte
        }
        if (diff != 0) {
            return false;
        }
        xorKeystream(sealed, off, n, out, outOff);
        return true;
    }

    /** Loads key and nonce, and the Poly1305 key from keystream block 0 (encryption starts at block 1). */
    private void start(byte[] key, byte[] nonce) {
        state[0] = 0x61707865;
        state[1] = 0x3320646e;
        state[2] = 0x79622d32;
        state[3] = 0x6b206574;
        for (int i = 0; i < 8; i++) {
            state[4 + i] = le32(key, 4 * i);
        }
        state[12] = 0;
        state[13] = le32(nonce, 0);
        state[14] = le32(nonce, 4);
        state[15] = le32(nonce, 8);
        nextBlock();
        long t0 = le32(block, 0) & 0xffffffffL;
        long t1 = le32(block, 4) & 0xffffffffL;
        long t2 = le32(block, 8) & 0xffffffffL;
        long t3 = le32(block, 12) & 0xffffffffL;
        // r clamped (RFC 8439 2.5) and split into 26-bit limbs
        r0 = t0 & 0x3ffffff;
        r1 = ((t0 >>> 26) | (t1 << 6)) & 0x3ffff03;
        r2 = ((t1 >>> 20) | (t2 << 12)) & 0x3ffc0ff;
        r3 = ((t2 >>> 14) | (t3 << 18)) & 0x3f03fff;
        r4 = (t3 >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        k0 = le32(block, 16) & 0xffffffffL;
        k1 = le32(block, 20) & 0xffffffffL;
        k2 = le32(block, 24) & 0xffffffffL;
        k3 = le32(block, 28) & 0xffffffffL;
        h0 = h1 = h2 = h3 = h4 = 0;
    }

    private void xorKeystream(byte[] in, int inOff, int length, byte[] out, int outOff) {
        for (int done = 0; done < length; done += 64) {
            nextBlock();
            int n = Math.min(64, length - done);
            for (int i = 0; i < n; i++) {
                out[outOff + done + i] = (byte) (in[inOff + done + i] ^ block[i]);
            }
        }
    }

    /** Poly1305 over aad || pad16 || ciphertext || pad16 || le64(aad length) || le64(ciphertext length). */
    private void authenticate(byte[] aad, byte[] ct, int ctOff, int ctLength) {
        int aadLength = aad == null ? 0 : aad.length;
        if (aadLength > 0) {
            absorbPadded(aad, 0, aadLength);
        }
        absorbPadded(ct, ctOff, ctLength);
        putLe64(pad, 0, aadLength);
        putLe64(pad, 8, ctLength);
        polyBlock(pad, 0);
    }

    private void absorbPadded(byte[] data, int off, int length) {
        int full = length & ~15;
        for (int i = 0; i < full; i += 16) {
            polyBlock(data, off + i);
        }
        int rest = length - full;
        if (rest > 0) {
            java.util.Arrays.fill(pad, (byte) 0);
            System.arraycopy(data, off + full, pad, 0, rest);
            polyBlock(pad, 0);
        }
    }

    /** h = (h + block + 2^128) * r mod 2^130 - 5; every block of the AEAD construction is a full 16 bytes. */
    private void polyBlock(byte[] m, int off) {
        long t0 = le32(m, off) & 0xffffffffL;
        long t1 = le32(m, off + 4) & 0xffffffffL;
        long t2 = le32(m, off + 8) & 0xffffffffL;
        long t3 = le32(m, off + 12) & 0xffffffffL;
        h0 += t0 & M26;
        h1 += ((t0 >>> 26) | (t1 << 6)) & M26;
        h2 += ((t1 >>> 20) | (t2 << 12)) & M26;
        h3 += ((t2 >>> 14) | (t3 << 18)) & M26;
        h4 += (t3 >>> 8) | (1L << 24);
        long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
        long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
        long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
        long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
        long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
        long c = d0 >>> 26;
        h0 = d0 & M26;
        d1 += c;
        c = d1 >>> 26;
        h1 = d1 & M26;
        d2 += c;
        c = d2 >>> 26;
        h2 = d2 & M26;
        d3 += c;
        c = d3 >>> 26;
        h3 = d3 & M26;
        d4 += c;
        c = d4 >>> 26;
        h4 = d4 & M26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= M26;
        h1 += c;
    }

    /** Fully reduces h, adds s and writes the 16-byte tag at {@code out[off]}. */
    private void finish(byte[] out, int off) {
        long c = h1 >>> 26;
        h1 &= M26;
        h2 += c;
        c = h2 >>> 26;
        h2 &= M26;
        h3 += c;
        c = h3 >>> 26;
        h3 &= M26;
        h4 += c;
        c = h4 >>> 26;
        h4 &= M26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= M26;
        h1 += c;
        // g = h + 5 - 2^130: if it does not go negative, h >= p and g is the reduced value
        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= M26;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= M26;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= M26;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= M26;
        long g4 = h4 + c - (1L << 26);
        long keepH = g4 >> 63; // all ones when g4 < 0 (h < p), chosen without a branch
        long f0 = (h0 & keepH) | (g0 & ~keepH);
        long f1 = (h1 & keepH) | (g1 & ~keepH);
        long f2 = (h2 & keepH) | (g2 & ~keepH);
        long f3 = (h3 & keepH) | (g3 & ~keepH);
        long f4 = (h4 & keepH) | (g4 & M26 & ~keepH);
        long w0 = (f0 | (f1 << 26)) & 0xffffffffL;
        long w1 = ((f1 >>> 6) | (f2 << 20)) & 0xffffffffL;
        long w2 = ((f2 >>> 12) | (f3 << 14)) & 0xffffffffL;
        long w3 = ((f3 >>> 18) | (f4 << 8)) & 0xffffffffL;
        long f = w0 + k0;
        putLe32(out, off, (int) f);
        f = w1 + k1 + (f >>> 32);
        putLe32(out, off + 4, (int) f);
        f = w2 + k2 + (f >>> 32);
        putLe32(out, off + 8, (int) f);
        f = w3 + k3 + (f >>> 32);
        putLe32(out, off + 12, (int) f);
    }

    /** The keystream block for the current counter into {@link #block}, then the counter moves on. */
    private void nextBlock() {
        int[] x = working;
        System.arraycopy(state, 0, x, 0, 16);
        for (int i = 0; i < 10; i++) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 1, 5, 9, 13);
            quarter(x, 2, 6, 10, 14);
            quarter(x, 3, 7, 11, 15);
            quarter(x, 0, 5, 10, 15);
            quarter(x, 1, 6, 11, 12);
            quarter(x, 2, 7, 8, 13);
            quarter(x, 3, 4, 9, 14);
        }
        for (int i = 0; i < 16; i++) {
            putLe32(block, 4 * i, x[i] + state[i]);
        }
        state[12]++;
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static void putLe64(byte[] b, int off, long v) {
        putLe32(b, off, (int) v);
        putLe32(b, off + 4, (int) (v >>> 32));
    }
}
