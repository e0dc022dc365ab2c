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
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.DestinationUserNameProvider;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/** Chat over STOMP; refusals go to the sender only, on {@code /user/queue/errors}. */
@Controller
public class ChatStompController {
    private static final Logger log = LoggerFactory.getLogger(ChatStompController.class);

    public record ChatSend(String text) {
    }

    /** The SEND destinations below /app (docs/lobby-api.md); {@link MappingPathMatcher} matches them by hand. */
    static final String ROOM_CHAT = "/rooms/{roomId}/chat";
    static final String LOBBY_CHAT = "/lobby/chat";

    private final ChatService chat;
    private final SimpMessageSendingOperations broker;
    private final ChatSendReader bodies;

    ChatStompController(ChatService chat, SimpMessageSendingOperations broker, ChatSendReader bodies) {
        this.chat = chat;
        this.broker = broker;
        this.bodies = bodies;
    }

    /*
     * The sender comes from the message headers, not from a Principal argument: Spring's resolver for a Principal asks
     * MethodParameter.isOptional() on every call, which in Spring 7 reads the parameter's nullness annotations by
     * reflection each time (13 % of the inbound SEND path's samples in a warm profile, docs/benchmarks.md). The user
     * is the one StompAuthentication put on the connection and StompGuard authorized for this very frame. The body is
     * read by ChatSendReader from the whole message rather than by @Payload (see there why).
     */
    @MessageMapping(ROOM_CHAT)
    public void room(@DestinationVariable String roomId, Message<?> message) {
        send(message.getHeaders(), roomId, bodies.read(message));
    }

    @MessageMapping(LOBBY_CHAT)
    public void lobby(Message<?> message) {
        send(message.getHeaders(), null, bodies.read(message));
    }

    /**
     * A chat SEND from {@link ChatSendShortcut}: what the two mappings above and the exception handlers below do
     * together, without Spring's annotation road. A refusal goes to the sending session's {@code /user/queue/errors},
     * as {@code @SendToUser(broadcast = false)} sends it.
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
        // refusals throw here and reach the handlers below; a failed store arrives later, off this thread
        chat.send(player, roomId, body == null ? null : body.text(), notStored ->
                broker.convertAndSendToUser(player.playerId(), "/queue/errors", Map.of("code", notStored.code(), "message", notStored.getMessage())));
    }

    @MessageExceptionHandler(LobbyException.class)
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    public Map<String, String> refused(LobbyException e) {
        return Map.of("code", e.code(), "message", e.getMessage());
    }

    @MessageExceptionHandler(Exception.class)
    @SendToUser(destinations = "/queue/errors", broadcast = false)
    public Map<String, String> failed(Exception e) {
        log.warn("STOMP message failed: {}", e.toString());
        return Map.of("code", "INVALID_MESSAGE", "message", "the message could not be processed: send JSON {\"text\": \"...\"}");
    }
}
