package dev.skirmish.lobby.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Takes {@code /ws} messages from the container in pieces and hands Spring's STOMP handler whole ones, with the same
 * size limits the container enforced itself before (issue 19, memory per connection).
 * <p>
 * Why: a container that assembles whole messages may hold, per connection, a buffer as large as the biggest message
 * (Tomcat, the lobby's container before Jetty, allocated 24 Ki chars = 48 KiB for text and 8 KiB for binary at open
 * and kept them for the connection's life), although a chat frame is ~250 bytes. With partial messages the
 * container hands over what it has read (Jetty: at most its read buffer, released while a connection is idle);
 * the rare message longer than a piece is assembled here, in memory held only while it arrives. Over
 * {@code maxTextChars} / {@code maxBinaryBytes} the connection is closed with 1009, exactly where the container
 * closed it, so the contract of docs/lobby-api.md stays: a frame above the STOMP limit (16 KiB) but within these gets
 * Spring's STOMP {@code ERROR} frame, a bigger one the bare 1009.
 * <p>
 * The assembly state lives in the session's attributes, so it dies with the connection; the container delivers one
 * connection's messages one at a time, so it needs no lock.
 */
final class WholeMessages extends WebSocketHandlerDecorator {
    private static final String PENDING = WholeMessages.class.getName() + ".pending";

    private final int maxTextChars;
    private final int maxBinaryBytes;
    private final int pieceChars;

    WholeMessages(WebSocketHandler delegate, int maxTextChars, int maxBinaryBytes, int pieceChars) {
        super(delegate);
        this.maxTextChars = maxTextChars;
        this.maxBinaryBytes = maxBinaryBytes;
        this.pieceChars = pieceChars;
    }

    /**
     * Spring's STOMP handler raises each new session's text buffer to 16 KiB + 256 chars (33 KiB, so that a whole
     * STOMP frame fits without partial messages); pieces make that unneeded, so it goes back to one piece (Jetty
     * applies it to whole messages only; the limits of pieces are enforced here).
     */
    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        if (session.getTextMessageSizeLimit() > pieceChars) session.setTextMessageSizeLimit(pieceChars);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        boolean piece = message instanceof TextMessage || message instanceof BinaryMessage;
        Object pending = session.getAttributes().get(PENDING);
        if (!piece || (pending == null && message.isLast())) {
            super.handleMessage(session, message); // the common case: the message fit in one piece
            return;
        }
        if (pending == null) {
            pending = message instanceof TextMessage ? new StringBuilder() : new ByteArrayOutputStream();
            session.getAttributes().put(PENDING, pending);
        }
        if (pending == Overflow.DROPPING) {
            if (message.isLast()) session.getAttributes().remove(PENDING);
            return;
        }
        boolean fits = pending instanceof StringBuilder text
                ? append(text, (TextMessage) message)
                : append((ByteArrayOutputStream) pending, (BinaryMessage) message);
        if (!fits) {
            // the rest of this message is dropped as it comes in; the close ends the connection
            if (message.isLast()) session.getAttributes().remove(PENDING);
            else session.getAttributes().put(PENDING, Overflow.DROPPING);
            session.close(CloseStatus.TOO_BIG_TO_PROCESS);
            return;
        }
        if (!message.isLast()) return;
        session.getAttributes().remove(PENDING);
        super.handleMessage(session, pending instanceof StringBuilder text
                ? new TextMessage(text.toString())
                : new BinaryMessage(((ByteArrayOutputStream) pending).toByteArray()));
    }

    private boolean append(StringBuilder text, TextMessage piece) {
        if (text.length() + piece.getPayload().length() > maxTextChars) return false;
        text.append(piece.getPayload());
        return true;
    }

    private boolean append(ByteArrayOutputStream bytes, BinaryMessage piece) {
        ByteBuffer payload = piece.getPayload();
        if (bytes.size() + payload.remaining() > maxBinaryBytes) return false;
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        bytes.writeBytes(copy);
        return true;
    }

    /** A message over the limit whose remaining pieces are still coming in. */
    private enum Overflow { DROPPING }
}
