package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fan-out {@code node}: the body of one RabbitMQ frame that carries several of a node's publications ("lines": chat
 * lines, room events, user messages) in the order the node published them, so RabbitMQ handles one message per
 * window instead of one per line. Binary, big-endian:
 * <pre>
 *   "SKB1"  u16 count  count × ( u16 destination length, destination (UTF-8),
 *                                u8 content-type length, content type (ASCII),
 *                                u32 body length, body )
 * </pre>
 * A received bundle is untrusted input (anyone with RabbitMQ credentials can publish one): {@link #decode} checks every
 * length against the bytes left and the bounds below before it reads, and refuses the whole bundle on any fault, so
 * nothing of a malformed bundle is delivered and nothing is allocated beyond the frame's own size.
 */
final class Bundle {
    /** The most a received bundle may hold; a sender's bundles stay under it ({@code bundle-max-bytes} ≤ 512 KiB). */
    static final int MAX_BYTES = 1024 * 1024;
    /** The most lines a received bundle may hold ({@code bundle-max-lines} ≤ this). */
    static final int MAX_LINES = 1024;
    /** A destination is a lobby topic or user destination: far shorter than this. */
    static final int MAX_DESTINATION = 512;
    static final int MAX_CONTENT_TYPE = 127;
    /** As one frame of the bridge: a line larger than this is no line of the lobby's. */
    static final int MAX_BODY = NodeBridge.MAX_BODY;

    private static final byte[] MAGIC = {'S', 'K', 'B', '1'};
    private static final int HEADER = MAGIC.length + 2;

    /** One line of a bundle: where this node's broker delivers it, its content type (or null) and its body. */
    record Line(String destination, String contentType, byte[] body) {
    }

    /** A bundle that is no bundle of the lobby's: the reason, for the node's log. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private Bundle() {
    }

    /** Builds one bundle; not thread-safe (the bridge fills it under its lock). */
    static final class Writer {
        private byte[] buf;
        private int length = HEADER;
        private int lines;

        Writer(int capacity) {
            buf = new byte[Math.max(HEADER, capacity)];
        }

        /** Appends a line; false (nothing appended) when it exceeds a bound of {@link #decode} or the bundle is full. */
        boolean add(String destination, byte[] contentType, byte[] body) {
            byte[] dest = destination.getBytes(StandardCharsets.UTF_8);
            if (lines >= MAX_LINES || dest.length == 0 || dest.length > MAX_DESTINATION || contentType.length > MAX_CONTENT_TYPE
                    || body.length > MAX_BODY) return false;
            int size = 2 + dest.length + 1 + contentType.length + 4 + body.length;
            if (length + size > MAX_BYTES) return false;
            ensure(length + size);
            putShort(dest.length);
            put(dest);
            buf[length++] = (byte) contentType.length;
            put(contentType);
            putInt(body.length);
            put(body);
            lines++;
            return true;
        }

        int lines() {
            return lines;
        }

        int bytes() {
            return length;
        }

        /** The bundle's bytes (the writer is not used after this). */
        byte[] finish() {
            header(buf, lines);
            return length == buf.length ? buf : Arrays.copyOf(buf, length);
        }

        private void ensure(int needed) {
            if (needed > buf.length) buf = Arrays.copyOf(buf, Math.max(needed, Math.min(MAX_BYTES, buf.length * 2)));
        }

        private void put(byte[] b) {
            System.arraycopy(b, 0, buf, length, b.length);
            length += b.length;
        }

        private void putShort(int v) {
            buf[length++] = (byte) (v >>> 8);
            buf[length++] = (byte) v;
        }

        private void putInt(int v) {
            putShort(v >>> 16);
            putShort(v & 0xffff);
        }
    }

    /**
     * Joins closed bundles (each this node's own, well-formed) into one, their lines in the given order: the caller
     * keeps the sum under {@link #MAX_BYTES} and {@link #MAX_LINES}.
     */
    static byte[] join(List<byte[]> bundles, int lines) {
        int size = HEADER;
        for (byte[] b : bundles) size += b.length - HEADER;
        byte[] out = new byte[size];
        header(out, lines);
        int at = HEADER;
        for (byte[] b : bundles) {
            System.arraycopy(b, HEADER, out, at, b.length - HEADER);
            at += b.length - HEADER;
        }
        return out;
    }

    /** How many lines a frame body carries, as its header says (1 for anything that is not a bundle): for counting only. */
    static int lineCount(byte[] data) {
        if (!startsLikeBundle(data)) return 1;
        return Math.max(1, ((data[MAGIC.length] & 0xff) << 8) | (data[MAGIC.length + 1] & 0xff));
    }

    /** The header every bundle starts with: the magic, then its line count. */
    private static void header(byte[] out, int lines) {
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = (byte) (lines >>> 8);
        out[MAGIC.length + 1] = (byte) lines;
    }

    private static boolean startsLikeBundle(byte[] data) {
        return data.length >= HEADER && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The lines of a received bundle, in order; the whole bundle is refused on any fault. */
    static List<Line> decode(byte[] data) throws Malformed {
        if (data.length > MAX_BYTES) throw new Malformed("bundle of " + data.length + " bytes, over " + MAX_BYTES);
        if (!startsLikeBundle(data)) throw new Malformed("not a bundle");
        var in = new Reader(data, MAGIC.length);
        int count = in.u16();
        if (count == 0 || count > MAX_LINES) throw new Malformed("bundle of " + count + " lines (1.." + MAX_LINES + ")");
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int destLength = in.u16();
            if (destLength == 0 || destLength > MAX_DESTINATION) throw new Malformed("line " + i + ": destination of " + destLength + " bytes");
            String dest = in.text(destLength, StandardCharsets.UTF_8);
            int typeLength = in.u8();
            if (typeLength > MAX_CONTENT_TYPE) throw new Malformed("line " + i + ": content type of " + typeLength + " bytes");
            String type = typeLength == 0 ? null : in.text(typeLength, StandardCharsets.US_ASCII);
            long bodyLength = in.u32();
            if (bodyLength > MAX_BODY) throw new Malformed("line " + i + ": body of " + bodyLength + " bytes, over " + MAX_BODY);
            lines.add(new Line(dest, type, in.bytes((int) bodyLength)));
        }
        if (in.left() != 0) throw new Malformed(in.left() + " bytes after the last of " + count + " lines");
        return lines;
    }

    /** Reads with a check of every length against what is left (a count or length larger than the bundle is refused). */
    private static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data, int at) {
            this.data = data;
            this.at = at;
        }

        int left() {
            return data.length - at;
        }

        private void need(int n) throws Malformed {
            if (n > left()) throw new Malformed("truncated: " + n + " bytes wanted at " + at + ", " + left() + " left");
        }

        int u8() throws Malformed {
            need(1);
            return data[at++] & 0xff;
        }

        int u16() throws Malformed {
            need(2);
            int v = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
            at += 2;
            return v;
        }

        long u32() throws Malformed {
            return ((long) u16() << 16) | u16();
        }

        String text(int n, java.nio.charset.Charset charset) throws Malformed {
            need(n);
            String s = new String(data, at, n, charset);
            at += n;
            return s;
        }

        byte[] bytes(int n) throws Malformed {
            need(n);
            byte[] b = Arrays.copyOfRange(data, at, at + n);
            at += n;
            return b;
        }
    }
}
