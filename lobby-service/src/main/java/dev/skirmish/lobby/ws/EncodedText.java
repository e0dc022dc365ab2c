package dev.skirmish.lobby.ws;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Writes a text WebSocket message whose UTF-8 bytes are already made, without the container encoding the text again:
 * the fan-out builds each MESSAGE frame once, as bytes, and a {@code String} would be encoded anew for every
 * subscriber. The WebSocket API has no call for pre-encoded text; Jetty's core session (public API, reached from its
 * JSR-356 session) takes a TEXT frame made from the bytes, through the same framing and flusher as its own
 * {@code sendText}. A batched frame goes into the flusher's batch buffer, without waiting, and is written with the
 * next frame that is not batched (one socket write for all of them), as Jetty's JSR-356 endpoint does while
 * {@code setBatchingAllowed(true)}.
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

    /**
     * Sends {@code utf8}, whole, as one final text frame, with every batched frame before it in one socket write;
     * blocks until they are written, as the basic remote endpoint does.
     */
    void send(byte[] utf8) throws IOException {
        var written = new FutureCallback();
        core.sendFrame(frame(utf8), written, false);
        written.block();
    }

    /**
     * Adds {@code utf8} to the batch without waiting: no callback to make and wait on per frame. The caller ends
     * every batch with {@link #send} (or a frame of Spring's, which is not batched either), whose wait covers this
     * frame's write too; a failed write fails that one as well, since the connection is then gone.
     */
    void batch(byte[] utf8) {
        core.sendFrame(frame(utf8), Callback.NOOP, true);
    }

    private static Frame frame(byte[] utf8) {
        return new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8));
    }
}
