package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.chat.ChatService;
import dev.skirmish.lobby.web.LobbyException;
import java.security.Principal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.DestinationUserNameProvider;
import org.springframework.stereotype.Component;

/**
 * Chat over STOMP: a chat {@code SEND} ({@code /app/lobby/chat}, {@code /app/rooms/{id}/chat}) is handed here by
 * {@link ChatSendShortcut}, the last inbound interceptor; there is no {@code @MessageMapping} road. Refusals go to the
 * sending connection's {@code /user/queue/errors} only.
 */
@Component
public class ChatStompController {
    private static final Logger log = LoggerFactory.getLogger(ChatStompController.class);

    public record ChatSend(String text) {
    }

    private final ChatService chat;
    private final SimpMessageSendingOperations broker;
    private final ChatSendReader bodies;

    ChatStompController(ChatService chat, SimpMessageSendingOperations broker, ChatSendReader bodies) {
        this.chat = chat;
        this.broker = broker;
        this.bodies = bodies;
    }

    /**
     * A chat SEND from {@link ChatSendShortcut}. A refusal goes to the sending session's {@code /user/queue/errors}
     * (the session's own user destination, as Spring's {@code @SendToUser(broadcast = false)} addresses it), not to
     * the player's other connections. The sender comes from the message headers: the user {@link StompAuthentication}
     * put on the connection and {@link StompGuard} authorized for this very frame.
     */
    void handle(String roomId, Message<?> message) {
        Map<String, String> refusal;
        try {
            send(message.getHeaders(), roomId, bodies.read(message));
            return;
        } catch (LobbyException e) {
            refusal = refused(e);
        } catch (RuntimeException e) {
            refusal = failed(e);
        }
        toSender(message.getHeaders(), refusal);
    }

    private void toSender(MessageHeaders headers, Map<String, String> body) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
        if (sessionId == null) {
            log.warn("chat refusal without a session: {}", body.get("code"));
            return;
        }
        // as Spring's return value handler: the user's name, or the session id for a frame without a user
        Principal user = SimpMessageHeaderAccessor.getUser(headers);
        String name = user instanceof DestinationUserNameProvider p ? p.getDestinationUserName() : user != null ? user.getName() : sessionId;
        var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setSessionId(sessionId);
        accessor.setLeaveMutable(true);
        broker.convertAndSendToUser(name, "/queue/errors", body, accessor.getMessageHeaders());
    }

    private void send(MessageHeaders headers, String roomId, ChatSend body) {
        if (!(SimpMessageHeaderAccessor.getUser(headers) instanceof PlayerAuthentication user)) {
            // the guard refuses a SEND without a user before it gets here; never trust that silently
            throw new IllegalStateException("SEND without an authenticated user");
        }
        var player = user.player();
        // refusals throw here and reach handle's catch; a failed store or the cluster's shared chat limit refusing the
        // line in its batch arrives later, off this thread, and goes to the same connection as a refusal here
        chat.send(player, roomId, body == null ? null : body.text(), notStored -> toSender(headers, refused(notStored)));
    }

    private static Map<String, String> refused(LobbyException e) {
        return Map.of("code", e.code(), "message", e.getMessage());
    }

    private static Map<String, String> failed(RuntimeException e) {
        log.warn("STOMP message failed: {}", e.toString());
        return Map.of("code", "INVALID_MESSAGE", "message", "the message could not be processed: send JSON {\"text\": \"...\"}");
    }
}
