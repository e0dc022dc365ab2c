package dev.skirmish.lobby.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;

/**
 * One {@code /ws} connection's frames, from Jetty's core WebSocket session to Spring's handler as whole messages
 * (issue 19). Jetty's parser hands over whole frames (up to the largest message limit, above which it closes with 1009
 * itself) and checks the frame sequence (a continuation without a start, or a new message inside a fragmented one:
 * 1002). Here, as {@code WholeMessages} and Jetty's JSR-356 sink did before:
 * <ul>
 * <li>a message in several frames is assembled, in memory held only while it arrives; over the session's text limit
 *     or binary limit the connection is closed with 1009 and the rest is not kept;</li>
 * <li>a text message that is not valid UTF-8 closes the connection with 1007 ({@link Utf8Check});</li>
 * <li>a ping is answered with a pong of the same payload, a pong goes to the handler, a close is answered by Jetty.</li>
 * </ul>
 * Text reaches Spring's STOMP handler as its bytes ({@code new TextMessage(byte[])}), which its decoder reads as they
 * are; the JSR-356 layer decoded them into a {@code String} byte by byte, which Spring then encoded back.
 * <p>
 * Jetty calls these methods one at a time per connection and reads the next frame only on {@link CoreSession#demand},
 * so the state needs no lock, and the next frame is read after the handler is done with this one (frames are handled
 * in the order sent, on the thread that read them, as {@code WebSocketConfig} requires of the inbound channel).
 */
final class CoreSocket implements FrameHandler {
    private static final Log log = LogFactory.getLog(CoreSocket.class);

    private final WebSocketHandler handler;
    private final CoreWebSocketSession session;
    private CoreSession core;
    /** The message being assembled from several frames: its opcode and bytes so far; null while none is. */
    private ByteArrayOutputStream pending;
    private byte pendingType;
    /** Set when this side closed the connection: data frames after that are dropped, control frames still answered. */
    private boolean closing;

    /** The message limits are the session's ({@link CoreWebSocketSession#getTextMessageSizeLimit()}), not kept twice. */
    CoreSocket(WebSocketHandler handler, CoreWebSocketSession session) {
        this.handler = handler;
        this.session = session;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        core = coreSession;
        session.initializeNativeSession(coreSession);
        try {
            handler.afterConnectionEstablished(session);
        } catch (Throwable e) {
            ExceptionWebSocketHandlerDecorator.tryCloseWithError(session, e, log);
        }
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.BINARY -> data(frame.getOpCode(), frame);
            case OpCode.CONTINUATION -> data(pendingType, frame);
            case OpCode.PING -> {
                // the pong is written before the next frame is read (Jetty: the payload is valid until the callback)
                core.sendFrame(new Frame(OpCode.PONG, true, frame.getPayload()), Callback.from(() -> {
                    callback.succeeded();
                    core.demand();
                }, callback::failed), false);
                return;
            }
            case OpCode.PONG -> deliver(new PongMessage(ByteBuffer.wrap(copy(frame.getPayload()))));
            case OpCode.CLOSE -> {
                callback.succeeded(); // Jetty answers the close and ends the session: no more frames
                return;
            }
            default -> {
            }
        }
        callback.succeeded();
        core.demand();
    }

    private void data(byte type, Frame frame) {
        if (closing) return;
        int limit = type == OpCode.TEXT ? session.getTextMessageSizeLimit() : session.getBinaryMessageSizeLimit();
        if (pending == null && frame.isFin()) {
            // the common case: a message in one frame
            if (frame.getPayloadLength() > limit) {
                close(CloseStatus.TOO_BIG_TO_PROCESS);
                return;
            }
            message(type, copy(frame.getPayload()));
            return;
        }
        if (pending == null) {
            pending = new ByteArrayOutputStream(Math.min(limit, 2 * frame.getPayloadLength()));
            pendingType = type;
        }
        if (pending.size() + frame.getPayloadLength() > limit) {
            pending = null;
            close(CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        pending.writeBytes(copy(frame.getPayload())); // Jetty's buffer may be direct; pieces are rare
        if (!frame.isFin()) return;
        byte[] whole = pending.toByteArray();
        pending = null;
        message(type, whole);
    }

    private void message(byte type, byte[] bytes) {
        if (type != OpCode.TEXT) {
            deliver(new BinaryMessage(bytes));
        } else if (Utf8Check.valid(bytes)) {
            deliver(new TextMessage(bytes));
        } else {
            close(CloseStatus.BAD_DATA);
        }
    }

    private void deliver(WebSocketMessage<?> message) {
        try {
            handler.handleMessage(session, message);
        } catch (Throwable e) {
            ExceptionWebSocketHandlerDecorator.tryCloseWithError(session, e, log);
        }
    }

    private void close(CloseStatus status) {
        closing = true;
        core.close(status.getCode(), status.getReason(), Callback.NOOP);
    }

    private static byte[] copy(ByteBuffer payload) {
        if (payload == null) return new byte[0];
        byte[] bytes = new byte[payload.remaining()];
        payload.slice().get(bytes);
        return bytes;
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        try {
            handler.handleTransportError(session, cause);
        } catch (Throwable e) {
            log.debug("transport error handling failed for " + session.getId(), e);
        }
        callback.succeeded();
    }

    @Override
    public void onClosed(org.eclipse.jetty.websocket.core.CloseStatus status, Callback callback) {
        pending = null;
        try {
            handler.afterConnectionClosed(session, new CloseStatus(status.getCode(), status.getReason()));
        } catch (Throwable e) {
            log.debug("closing " + session.getId() + " failed", e);
        }
        callback.succeeded();
    }

    /** Bytes held for a message still arriving in pieces (0 between messages: an idle connection holds none). */
    int pendingBytes() {
        return pending == null ? 0 : pending.size();
    }
}
