package dev.skirmish.lobby.ws;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * RabbitMQ's STOMP plugin takes a {@code /topic/} name as one routing key and refuses a '/' in it ("Invalid
 * destination"), while the lobby's contract has {@code /topic/rooms/{id}/chat}. With the relay (profile
 * {@code cluster}) a destination is written with dots on its way to RabbitMQ ({@code /topic/rooms.{id}.chat}) and with
 * slashes again on its way to a client, so clients see the same destinations as with one node. Room ids are UUIDs and
 * the other topics fixed words, so no name has a dot of its own. A SUBSCRIBE is rewritten only when it is handed to
 * the relay, after every interceptor (the STOMP guard among them) has seen it as the client sent it.
 */
final class RelayDestinations {
    private static final String TOPIC = "/topic/";
    /** Spring's own broadcasts between nodes: never sent to a client, never rewritten. */
    private static final String INTERNAL = "/topic/skirmish.";

    private RelayDestinations() {
    }

    /** {@code /topic/rooms/x/chat} → {@code /topic/rooms.x.chat}; anything else as it is. */
    static String toBroker(String dest) {
        if (dest == null || !dest.startsWith(TOPIC) || dest.startsWith(INTERNAL) || dest.indexOf('/', TOPIC.length()) < 0) return dest;
        return TOPIC + dest.substring(TOPIC.length()).replace('/', '.');
    }

    /** {@code /topic/rooms.x.chat} → {@code /topic/rooms/x/chat}; anything else (every slash form) as it is. */
    static String toClient(String dest) {
        // no allocation on the one-node path, where no destination has a dot (the outbound filter asks per delivery)
        if (dest == null || dest.indexOf('.') < 0 || !dest.startsWith(TOPIC) || dest.startsWith(INTERNAL)) return dest;
        return TOPIC + dest.substring(TOPIC.length()).replace('.', '/');
    }

    private static Message<?> withDestination(Message<?> message, String dest) {
        var accessor = MessageHeaderAccessor.getMutableAccessor(message);
        ((SimpMessageHeaderAccessor) accessor).setDestination(dest);
        return MessageBuilder.createMessage(message.getPayload(), accessor.getMessageHeaders());
    }

    private static Message<?> rewritten(Message<?> message, java.util.function.UnaryOperator<String> how) {
        String dest = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        String to = how.apply(dest);
        return to == null || to.equals(dest) ? message : withDestination(message, to);
    }

    /** The broker channel (the lobby's own publications): dots before the relay. */
    static ChannelInterceptor brokerChannel() {
        return new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                return rewritten(message, RelayDestinations::toBroker);
            }
        };
    }

    /** The client inbound channel: a client's SUBSCRIBE with dots, only as the relay receives it. */
    static ExecutorChannelInterceptor clientInbound() {
        return new ExecutorChannelInterceptor() {
            @Override
            public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
                return handler instanceof StompBrokerRelayMessageHandler ? rewritten(message, RelayDestinations::toBroker) : message;
            }
        };
    }

    /** The client outbound channel: slashes again for the client. */
    static ChannelInterceptor clientOutbound() {
        return new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                return rewritten(message, RelayDestinations::toClient);
            }
        };
    }
}
