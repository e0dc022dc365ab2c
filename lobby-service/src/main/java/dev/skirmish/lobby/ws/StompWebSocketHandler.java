package dev.skirmish.lobby.ws;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's {@code /ws} handler without Spring's send decorator around a connection that has an outbox (issue 15):
 * {@link SessionOutbox} already writes one frame at a time, in order, and ends a connection over the send-time or
 * send-buffer limit itself, so Spring's {@code ConcurrentWebSocketSessionDecorator} on top of it only handed each of
 * Spring's frames through a second queue per connection (a young node stored into an old queue per frame: a dirty
 * card and a root per connection at every young pause, remset22). A session without an outbox (fan-out
 * {@code relay}, where Spring's relay writes) keeps Spring's decorator, which applies the same two limits there.
 */
class StompWebSocketHandler extends SubProtocolWebSocketHandler {
    StompWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
        super(clientInboundChannel, clientOutboundChannel);
    }

    @Override
    protected WebSocketSession decorateSession(WebSocketSession session) {
        return session instanceof SessionOutbox ? session : super.decorateSession(session);
    }
}
