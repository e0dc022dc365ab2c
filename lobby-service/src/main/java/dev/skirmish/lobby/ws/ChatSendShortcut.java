package dev.skirmish.lobby.ws;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * The last inbound interceptor: a chat {@code SEND} ({@code /app/lobby/chat}, {@code /app/rooms/{id}/chat}) that
 * every interceptor before it let through (authentication, the guard, the limits) is handed to
 * {@link ChatStompController#handle} here, and goes no further. This is the only road a chat line takes: Spring's
 * annotation road (the inbound channel offering each line to its three handlers, the destination look-up, the
 * pattern match, argument resolution and a reflective call) allocated 9 % more per line and took a larger share of
 * the inbound samples in an alternated A/B (docs/benchmarks.md, issue 19; its CPU figures were taken at unequal load
 * and rank nothing), and was removed. {@link StompGuard} lets a client SEND to nothing else, so any
 * other frame passes through untouched (and no {@code @MessageMapping} would take it).
 */
final class ChatSendShortcut implements ChannelInterceptor {
    private static final String LOBBY = "/app/lobby/chat";
    private static final String ROOM_PREFIX = "/app/rooms/";
    private static final String ROOM_SUFFIX = "/chat";

    private final ObjectProvider<ChatStompController> controller;
    /** Resolved on the first line (the controller is built after the channel's interceptors). */
    private volatile ChatStompController resolved;

    ChatSendShortcut(ObjectProvider<ChatStompController> controller) {
        this.controller = controller;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        MessageHeaders headers = message.getHeaders();
        if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE) return message;
        String destination = SimpMessageHeaderAccessor.getDestination(headers);
        if (destination == null) return message;
        String roomId;
        if (destination.equals(LOBBY)) {
            roomId = null;
        } else {
            roomId = roomOf(destination);
            if (roomId == null) return message;
        }
        ChatStompController chat = resolved;
        if (chat == null) resolved = chat = controller.getObject();
        chat.handle(roomId, message);
        // handled: the channel's handlers do not see it (the interceptors before this one complete as for a refusal)
        return null;
    }

    /** The id in {@code /app/rooms/{id}/chat}: one non-empty segment, as the mapping's {@code {roomId}} takes it. */
    static String roomOf(String destination) {
        if (!destination.startsWith(ROOM_PREFIX) || !destination.endsWith(ROOM_SUFFIX)) return null;
        int from = ROOM_PREFIX.length(), to = destination.length() - ROOM_SUFFIX.length();
        if (to <= from || destination.indexOf('/', from) != to) return null;
        return destination.substring(from, to);
    }
}
