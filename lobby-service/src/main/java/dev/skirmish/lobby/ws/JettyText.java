package dev.skirmish.lobby.ws;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.springframework.util.ClassUtils;

/**
 * Pre-encoded text on Jetty: one final TEXT frame made from the bytes, handed to the connection's core session (its
 * framing, flusher and batch buffer), which is what Jetty's own {@code sendText} does after encoding the string. With
 * {@code batching} the frame goes into the flusher's batch buffer and is written with the next ones, or when
 * {@code setBatchingAllowed(false)} flushes them, as Jetty's JSR-356 endpoint does.
 */
final class JettyText implements EncodedText {
    static final boolean PRESENT = ClassUtils.isPresent("org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketSession", JettyText.class.getClassLoader());

    private final CoreSession core;

    private JettyText(CoreSession core) {
        this.core = core;
    }

    static JettyText of(Session session) {
        return session instanceof JakartaWebSocketSession jetty ? new JettyText(jetty.getCoreSession()) : null;
    }

    @Override
    public void send(byte[] utf8, boolean batching) throws IOException {
        var written = new FutureCallback();
        core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8)), written, batching);
        written.block();
    }
}
