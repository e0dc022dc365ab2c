package dev.skirmish.lobby.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One broker message as a STOMP MESSAGE frame, built once for all its subscribers: the destination, content type,
 * length and body are the same for every recipient, so only {@code subscription} and {@code message-id} are added
 * per subscriber ({@link Delivery}), put together as the UTF-8 the socket carries only when the connection's writer
 * sends it (no string, and no array, per delivery). The frame is sent as a text frame, the way Spring's STOMP
 * handler sends a JSON payload ({@link CoreWebSocketSession#sendText}).
 */
final class StompFrames {
    private StompFrames() {
    }

    private static final byte[] MESSAGE_ID = "\nmessage-id:".getBytes(StandardCharsets.US_ASCII);

    /**
     * The parts shared by every subscriber, in UTF-8: the headers before {@code subscription}, and the body, which
     * follows the {@code message-id} after a blank line and is followed by the NUL. The body is the broker message's
     * own array, not a copy (a message's payload is not changed once sent); the writer puts the blank line and NUL
     * around it.
     */
    record Shared(byte[] head, byte[] body) {
        /** One subscriber's frame, not yet in bytes. {@code subscriptionId} is the client's own: it is escaped here. */
        Delivery to(String subscriptionId, long messageId) {
            String escaped = escape(subscriptionId);
            // a client's subscription id is almost always ASCII: then its chars are its bytes, without an encoder
            return new Delivery(this, escaped, isAscii(escaped) ? null : escaped.getBytes(StandardCharsets.UTF_8), messageId);
        }
    }

    /**
     * One subscriber's frame as its parts: the shared ones, the escaped subscription id ({@code idUtf8} null when it
     * is ASCII) and the message id. The outbox queues this and the writer puts the bytes into a pooled buffer only
     * when it writes: the frame costs no array of its own per subscriber (about 3 KiB per chat line in rooms of 8,
     * docs/benchmarks.md, alloc19).
     */
    record Delivery(Shared shared, String id, byte[] idUtf8, long messageId) {
        /** The frame's length in bytes. */
        int length() {
            return shared.head.length + byteLength(id, idUtf8) + MESSAGE_ID.length + digits(messageId) + 2 + shared.body.length + 1;
        }

        /** The frame in a new array. */
        byte[] bytes() {
            var frame = ByteBuffer.allocate(length());
            writeTo(frame);
            return frame.array();
        }

        /** Puts the frame's {@link #length()} bytes at {@code dst}'s position, which moves past them. */
        void writeTo(ByteBuffer dst) {
            dst.put(shared.head);
            put(dst, id, idUtf8);
            dst.put(MESSAGE_ID);
            putDigits(dst, messageId);
            dst.put((byte) '\n').put((byte) '\n').put(shared.body).put((byte) 0);
        }
    }

    private static final byte[] MESSAGE = "MESSAGE\ndestination:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_TYPE = "\ncontent-type:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIPTION = "\nsubscription:".getBytes(StandardCharsets.US_ASCII);

    /**
     * The shared parts of one message's frame. The head is written straight into one array of its length (a string
     * concatenation and its encoding made three arrays per chat line, and the body's copy a fourth: ~98 bytes per
     * delivery at rooms of 8 before, ~22 after, docs/benchmarks.md, alloc23).
     */
    static Shared of(String destination, String contentType, byte[] body) {
        String dest = escape(destination);
        String type = contentType == null ? null : escape(contentType);
        // a destination or content type is almost always ASCII: then its chars are its bytes, without an encoder
        byte[] destUtf8 = isAscii(dest) ? null : dest.getBytes(StandardCharsets.UTF_8);
        byte[] typeUtf8 = type == null || isAscii(type) ? null : type.getBytes(StandardCharsets.UTF_8);
        int length = MESSAGE.length + byteLength(dest, destUtf8)
                + (type == null ? 0 : CONTENT_TYPE.length + byteLength(type, typeUtf8))
                + CONTENT_LENGTH.length + digits(body.length) + SUBSCRIPTION.length;
        var head = ByteBuffer.allocate(length);
        head.put(MESSAGE);
        put(head, dest, destUtf8);
        if (type != null) {
            head.put(CONTENT_TYPE);
            put(head, type, typeUtf8);
        }
        head.put(CONTENT_LENGTH);
        putDigits(head, body.length);
        head.put(SUBSCRIPTION);
        return new Shared(head.array(), body);
    }

    /** The length in bytes of what {@link #put} writes for the same two. */
    private static int byteLength(String ascii, byte[] utf8) {
        return utf8 == null ? ascii.length() : utf8.length;
    }

    /** {@code utf8} when it is given, else {@code ascii}'s chars as its bytes. */
    private static void put(ByteBuffer dst, String ascii, byte[] utf8) {
        if (utf8 != null) {
            dst.put(utf8);
            return;
        }
        for (int i = 0; i < ascii.length(); i++) dst.put((byte) ascii.charAt(i));
    }

    /** The decimal digits of {@code n} (not negative) at {@code dst}'s position, which moves past them. */
    private static void putDigits(ByteBuffer dst, long n) {
        int digits = digits(n);
        int at = dst.position();
        for (int i = at + digits - 1; i >= at; i--, n /= 10) dst.put(i, (byte) ('0' + n % 10));
        dst.position(at + digits);
    }

    /** Decimal digits of a message id (never negative: a counter from 0). */
    private static int digits(long n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    /**
     * STOMP 1.2 header escaping. A subscription id comes from the client: unescaped, a newline or colon in it would
     * end the header early and let the client write headers (or a body) into its own frames.
     */
    static String escape(String value) {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == ':') break;
            i++;
        }
        if (i == value.length()) return value;
        var sb = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case ':' -> sb.append("\\c");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
