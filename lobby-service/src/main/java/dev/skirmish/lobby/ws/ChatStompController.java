package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.chat.ChatService;
import dev.skirmish.lobby.web.LobbyException;
import java.security.Principal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/** Chat over STOMP; refusals go to the sender only, on {@code /user/queue/errors}. */
@Controller
public class ChatStompController {
    private static final Logger log = LoggerFactory.getLogger(ChatStompController.class);

    public record ChatSend(String text) {
    }

    private final ChatService chat;
    private final SimpMessageSendingOperations broker;

    public ChatStompController(ChatService chat, SimpMessageSendingOperations broker) {
        this.chat = chat;
        this.broker = broker;
    }

    @MessageMapping("/rooms/{roomId}/chat")
    public void room(@DestinationVariable String roomId, @Payload ChatSend body, Principal user) {
        send(user, roomId, body);
    }

    @MessageMapping("/lobby/chat")
    public void lobby(@Payload ChatSend body, Principal user) {
        send(user, null, body);
    }

    private void send(Principal user, String roomId, ChatSend body) {
        var player = ((PlayerAuthentication) user).player();
        // refusals throw here and reach the handlers below; a failed store arrives later, off this thread
        chat.send(player, roomId, body == null ? null : body.text()).exceptionally(e -> {
            Throwable why = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            Map<String, String> error = why instanceof LobbyException le ? Map.of("code", le.code(), "message", le.getMessage())
                    : Map.of("code", "CHAT_FAILED", "message", "your message could not be stored; send it again");
            broker.convertAndSendToUser(player.playerId(), "/queue/errors", error);
            return null;
        });
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
