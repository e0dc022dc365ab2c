package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;

/**
 * One broker message as a STOMP MESSAGE frame, built once for all its subscribers: the destination, content type,
 * length and body are the same for every recipient, so only {@code subscription} and {@code message-id} are added
 * per subscriber, into one exact-size byte array (the UTF-8 the socket carries; no string per delivery). The frame
 * is sent as a text frame, the way Spring's STOMP handler sends a JSON payload ({@link CoreWebSocketSession#sendText}).
 */
final class StompFrames {
    private StompFrames() {
    }

    private static final byte[] MESSAGE_ID = "\nmessage-id:".getBytes(StandardCharsets.US_ASCII);

    /**
     * The parts shared by every subscriber, in UTF-8: the headers before {@code subscription}, and the blank line,
     * body and NUL after the {@code message-id}.
     */
    record Shared(byte[] head, byte[] tail) {
        /** The frame for one subscriber. {@code subscriptionId} is the client's own: it is escaped here. */
        byte[] forSubscriber(String subscriptionId, long messageId) {
            String escaped = escape(subscriptionId);
            // a client's subscription id is almost always ASCII: then its chars are its bytes, without an encoder
            byte[] id = isAscii(escaped) ? null : escaped.getBytes(StandardCharsets.UTF_8);
            int idLength = id == null ? escaped.length() : id.length;
            int digits = digits(messageId);
            byte[] frame = new byte[head.length + idLength + MESSAGE_ID.length + digits + tail.length];
            System.arraycopy(head, 0, frame, 0, head.length);
            int at = head.length;
            if (id == null) {
                for (int i = 0; i < idLength; i++) frame[at + i] = (byte) escaped.charAt(i);
            } else {
                System.arraycopy(id, 0, frame, at, idLength);
            }
            at += idLength;
            System.arraycopy(MESSAGE_ID, 0, frame, at, MESSAGE_ID.length);
            at += MESSAGE_ID.length;
            for (int i = at + digits - 1; i >= at; i--, messageId /= 10) frame[i] = (byte) ('0' + messageId % 10);
            System.arraycopy(tail, 0, frame, at + digits, tail.length);
            return frame;
        }
    }

    static Shared of(String destination, String contentType, byte[] body) {
        String head = "MESSAGE\ndestination:" + escape(destination)
                + (contentType == null ? "" : "\ncontent-type:" + escape(contentType))
                + "\ncontent-length:" + body.length + "\nsubscription:";
        byte[] tail = new byte[2 + body.length + 1];
        tail[0] = '\n';
        tail[1] = '\n';
        System.arraycopy(body, 0, tail, 2, body.length);
        return new Shared(head.getBytes(StandardCharsets.UTF_8), tail);
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
