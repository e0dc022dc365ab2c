package dev.skirmish.lobby.ws;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.slf4j.LoggerFactory;

/**
 * Writes a text WebSocket message whose UTF-8 bytes are already made, through Tomcat's own endpoint (its framing,
 * send timeout, batching and message state), without Tomcat encoding the text again. The fan-out builds each
 * MESSAGE frame as bytes; handed over as a {@code String}, Tomcat re-encoded every copy char by char (its encoder's
 * slow path for a {@code String}, which has no backing array): more than half of the writer threads' CPU under
 * fan-out load. The WebSocket API has no call for pre-encoded text, so this reaches Tomcat's package-private one:
 * the same three steps its {@code sendString} takes (mark a text message started, send the payload as one final
 * text frame, mark it complete). Where they are not found (another container, a Tomcat that renamed them) {@link
 * #of} returns null and the caller sends a {@code String} as before; {@code FanoutFrameTest} fails in that case.
 * Jetty's counterpart: {@link JettyText}.
 */
final class TomcatText implements EncodedText {
    private static final byte OPCODE_TEXT = 0x1;
    private static final MethodHandle ENDPOINT;
    private static final MethodHandle STATE;
    private static final MethodHandle TEXT_START;
    private static final MethodHandle COMPLETE;
    private static final MethodHandle SEND;

    static {
        MethodHandle endpoint = null, state = null, textStart = null, complete = null, send = null;
        try {
            var lookup = MethodHandles.lookup();
            Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession");
            Class<?> base = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase");
            Class<?> machine = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase$StateMachine");
            endpoint = MethodHandles.privateLookupIn(session, lookup).findGetter(session, "wsRemoteEndpoint", base);
            var inBase = MethodHandles.privateLookupIn(base, lookup);
            state = inBase.findGetter(base, "stateMachine", machine);
            send = inBase.findVirtual(base, "sendMessageBlock", MethodType.methodType(void.class, byte.class, ByteBuffer.class, boolean.class));
            var inMachine = MethodHandles.privateLookupIn(machine, lookup);
            textStart = inMachine.findVirtual(machine, "textStart", MethodType.methodType(void.class));
            complete = inMachine.findVirtual(machine, "complete", MethodType.methodType(void.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            endpoint = null;
            LoggerFactory.getLogger(TomcatText.class).info("WebSocket text is sent as strings (Tomcat's endpoint internals not found: {})", e.toString());
        }
        ENDPOINT = endpoint;
        STATE = state;
        TEXT_START = textStart;
        COMPLETE = complete;
        SEND = send;
    }

    private final Object endpoint;
    private final Object state;

    private TomcatText(Object endpoint, Object state) {
        this.endpoint = endpoint;
        this.state = state;
    }

    /** Whether this container's internals were found (false: every connection sends strings). */
    static boolean available() {
        return ENDPOINT != null;
    }

    /** The writer of this container session, or null when pre-encoded text cannot be written to it. */
    static TomcatText of(Session session) {
        if (ENDPOINT == null || session == null || !ENDPOINT.type().parameterType(0).isInstance(session)) return null;
        try {
            Object endpoint = ENDPOINT.invoke(session);
            return new TomcatText(endpoint, STATE.invoke(endpoint));
        } catch (Throwable e) {
            return null;
        }
    }

    /** Tomcat's endpoint keeps the batching state itself ({@code setBatchingAllowed}). */
    @Override
    public void send(byte[] utf8, boolean batching) throws IOException {
        try {
            TEXT_START.invoke(state);
            SEND.invoke(endpoint, OPCODE_TEXT, ByteBuffer.wrap(utf8), true);
            COMPLETE.invoke(state, true);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }
}
