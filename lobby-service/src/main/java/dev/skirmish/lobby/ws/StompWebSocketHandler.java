package dev.skirmish.lobby.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's {@code /ws} handler without two queues per connection that every frame went through (issue 15): each
 * stored a young node into an old queue per frame, a dirty card and a root per connection at every young pause
 * (remset22).
 * <ul>
 * <li>No send decorator around a connection that has an outbox: {@link SessionOutbox} already writes one frame at a
 * time, in order, and ends a connection over the send-time or send-buffer limit itself, so Spring's
 * {@code ConcurrentWebSocketSessionDecorator} on top of it only handed each of Spring's frames through a second
 * queue. A session without an outbox (fan-out {@code relay}, where Spring's relay writes) keeps Spring's decorator,
 * which applies the same two limits there.</li>
 * <li>No STOMP decoder kept per connection while no frame is split: Spring's STOMP handler keeps a
 * {@link BufferingStompDecoder} per session, whose queue takes every inbound message even when it holds whole
 * frames, as the transport ({@link CoreSocket}) hands them. Here a session's decoder is Spring's own class, made
 * with Spring's decoder and limit for each message and dropped once the message has left nothing over; a message
 * that ends inside a frame keeps it until the frame is complete, so a frame split over several messages, several
 * frames in one message, the buffer limit and its {@code ERROR} are Spring's, unchanged. Spring offers no hook for
 * the decoder (its STOMP handler is built inside Spring's endpoint registry), so its map of decoders is reached by a
 * private lookup; if a Spring upgrade renames it, the lobby does not start.</li>
 * </ul>
 */
class StompWebSocketHandler extends SubProtocolWebSocketHandler {
    private static final VarHandle DECODERS = decodersField();

    /** The sessions whose decoder is made per message, with their STOMP handler's decoding; bounded by open connections. */
    private final Map<String, Decoding> perMessage = new ConcurrentHashMap<>();
    private volatile Decoding decoding;

    /** One STOMP handler's map of decoders (Spring's, by session id), its frame decoder and its buffer limit. */
    private record Decoding(Map<String, BufferingStompDecoder> decoders, StompDecoder decoder, int limit) {
    }

    StompWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
        super(clientInboundChannel, clientOutboundChannel);
    }

    private static VarHandle decodersField() {
        try {
            return MethodHandles.privateLookupIn(StompSubProtocolHandler.class, MethodHandles.lookup())
                    .findVarHandle(StompSubProtocolHandler.class, "decoders", Map.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spring's StompSubProtocolHandler keeps its decoders elsewhere now: see StompWebSocketHandler", e);
        }
    }

    @Override
    protected WebSocketSession decorateSession(WebSocketSession session) {
        return session instanceof SessionOutbox ? session : super.decorateSession(session);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        if (!(findProtocolHandler(session) instanceof StompSubProtocolHandler stomp)) return;
        var decoders = (Map<String, BufferingStompDecoder>) DECODERS.get(stomp);
        // none made: the session was closed already, and Spring drops what it sends
        BufferingStompDecoder made = decoders.remove(session.getId());
        if (made == null) return;
        Decoding known = decoding;
        if (known == null || known.decoders() != decoders) decoding = known = new Decoding(decoders, made.getStompDecoder(), made.getBufferSizeLimit());
        perMessage.put(session.getId(), known);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        String id = session.getId();
        Decoding known = perMessage.get(id);
        if (known == null) {
            super.handleMessage(session, message);
            return;
        }
        // kept only while a frame left incomplete by an earlier message waits for its rest
        BufferingStompDecoder decoder = known.decoders().get(id);
        if (decoder == null) {
            decoder = new BufferingStompDecoder(known.decoder(), known.limit());
            known.decoders().put(id, decoder);
        }
        try {
            super.handleMessage(session, message);
        } finally {
            // nothing left over, or ended meanwhile (Spring removed its decoder, maybe before this one went in)
            if (decoder.getBufferSize() == 0 || !perMessage.containsKey(id)) known.decoders().remove(id, decoder);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        perMessage.remove(session.getId());
        super.afterConnectionClosed(session, closeStatus);
    }
}
