package dev.skirmish.lobby.ws;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ImmutableMessageChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * The last inbound interceptor: it makes a frame's headers immutable, as Spring's STOMP handler would, except a
 * {@code SEND}'s. Spring's annotation handler needs mutable headers to note the matched destination; handed
 * immutable ones it copied every header of every chat line into a new map (the largest single item of the inbound
 * {@code SEND} path in a warm profile, docs/benchmarks.md). Safe for a {@code SEND} because the inbound channel runs
 * on the thread that read the frame (no other thread sees the message) and the annotation handler makes the headers
 * immutable itself when it is done; the broker and user-destination handlers only read them. Every other frame
 * (CONNECT, SUBSCRIBE, ...) is immutable from here on, exactly as without this interceptor. Spring's handler sees
 * an interceptor of this type and leaves the headers to it.
 */
final class SendHeadersInPlace extends ImmutableMessageChannelInterceptor {
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        MessageHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, MessageHeaderAccessor.class);
        if (accessor != null && accessor.isMutable() && SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.MESSAGE) {
            accessor.setImmutable();
        }
        return message;
    }
}
