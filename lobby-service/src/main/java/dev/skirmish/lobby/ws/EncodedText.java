package dev.skirmish.lobby.ws;

import jakarta.websocket.Session;
import java.io.IOException;

/**
 * Writes a text WebSocket message whose UTF-8 bytes are already made, without the container encoding the text again
 * (the fan-out builds each MESSAGE frame once, as bytes). The WebSocket API has no call for pre-encoded text, so each
 * container is reached through its own: {@link JettyText} (Jetty's core session, public API), {@link TomcatText}
 * (Tomcat's package-private endpoint). Where neither applies the caller sends a {@code String}.
 */
sealed interface EncodedText permits JettyText, TomcatText {
    /**
     * Sends {@code utf8}, whole, as one text message, blocking as the basic remote endpoint does; {@code batching}:
     * the container may hold it back to write it with the next ones (what {@code setBatchingAllowed(true)} allows).
     */
    void send(byte[] utf8, boolean batching) throws IOException;

    /** Whether this container's writer was found (false: every connection sends strings). */
    static boolean available() {
        return JettyText.PRESENT || TomcatText.available();
    }

    /** The writer of this container session, or null when pre-encoded text cannot be written to it. */
    static EncodedText of(Session session) {
        if (session == null) return null;
        EncodedText jetty = JettyText.PRESENT ? JettyText.of(session) : null;
        return jetty != null ? jetty : TomcatText.of(session);
    }
}
