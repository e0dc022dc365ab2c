package dev.skirmish.lobby.ws;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Writes a text WebSocket message whose UTF-8 bytes are already made, without the container encoding the text again:
 * the fan-out builds each MESSAGE frame once, as bytes, and a {@code String} would be encoded anew for every
 * subscriber. The WebSocket API has no call for pre-encoded text; Jetty's core session (public API, reached from its
 * JSR-356 session) takes a TEXT frame made from the bytes, through the same framing and flusher as its own
 * {@code sendText}. With {@code batching} the frame goes into the flusher's batch buffer and is written with the
 * following ones, or when {@code setBatchingAllowed(false)} flushes them, as Jetty's JSR-356 endpoint does.
 */
final class EncodedText {
    private final CoreSession core;

    private EncodedText(CoreSession core) {
        this.core = core;
    }

    /** The writer of this container session, or null where it is not Jetty's (the caller then sends strings). */
    static EncodedText of(Session session) {
        return session instanceof JakartaWebSocketSession jetty ? new EncodedText(jetty.getCoreSession()) : null;
    }

    /** Sends {@code utf8}, whole, as one final text frame, blocking as the basic remote endpoint does. */
    void send(byte[] utf8, boolean batching) throws IOException {
        var written = new FutureCallback();
        core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8)), written, batching);
        written.block();
    }
}
