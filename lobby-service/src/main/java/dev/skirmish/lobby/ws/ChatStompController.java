package dev.skirmish.lobby.ws;

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
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.stereotype.Controller;

/** Chat over STOMP; refusals go to the sender only, on {@code /user/queue/errors}. */
@Controller
public class ChatStompController {
    private static final Logger log = LoggerFactory.getLogger(ChatStompController.class);

    public record ChatSend(String text) {
    }

    private final ChatService chat;

    public ChatStompController(ChatService chat) {
        this.chat = chat;
    }

    @MessageMapping("/rooms/{roomId}/chat")
    public void room(@DestinationVariable String roomId, @Payload ChatSend body, Principal user) {
        chat.send(((StompPrincipal) user).player(), roomId, body == null ? null : body.text());
    }

    @MessageMapping("/lobby/chat")
    public void lobby(@Payload ChatSend body, Principal user) {
        chat.send(((StompPrincipal) user).player(), null, body == null ? null : body.text());
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
