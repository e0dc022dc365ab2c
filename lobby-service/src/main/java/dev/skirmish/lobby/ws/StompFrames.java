package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;

/**
 * One broker message as a STOMP MESSAGE frame, built once for all its subscribers: the destination, content type,
 * length and body are the same for every recipient, so only {@code subscription} and {@code message-id} are added
 * per subscriber, by one string concatenation (one exact-size copy). The frame is sent as a text frame, the way
 * Spring's STOMP handler sends a JSON payload; the container encodes it to UTF-8 once, on the way out.
 */
final class StompFrames {
    private StompFrames() {
    }

    /** The parts shared by every subscriber: the headers before {@code subscription}, and the body with its NUL. */
    record Shared(String head, String tail) {
        /** The frame for one subscriber. {@code subscriptionId} is the client's own: it is escaped here. */
        String forSubscriber(String subscriptionId, long messageId) {
            return head + escape(subscriptionId) + "\nmessage-id:" + messageId + "\n\n" + tail;
        }
    }

    static Shared of(String destination, String contentType, byte[] body) {
        String head = "MESSAGE\ndestination:" + escape(destination)
                + (contentType == null ? "" : "\ncontent-type:" + escape(contentType))
                + "\ncontent-length:" + body.length + "\nsubscription:";
        return new Shared(head, new String(body, StandardCharsets.UTF_8) + '\0');
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
