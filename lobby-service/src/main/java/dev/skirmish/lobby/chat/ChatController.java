package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.security.PlayerToken;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Chat history (newest first). Sending is over STOMP: {@code /app/rooms/{id}/chat} and {@code /app/lobby/chat}. */
@RestController
public class ChatController {
    public record ChatPage(List<ChatMessage> items, int page, int size, long totalItems, int totalPages) {
    }

    private final ChatService chat;

    public ChatController(ChatService chat) {
        this.chat = chat;
    }

    @GetMapping("/api/rooms/{id}/chat")
    public ChatPage room(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @PathVariable String id,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return of(chat.history(player.playerId(), id, page, size));
    }

    @GetMapping("/api/lobby/chat")
    public ChatPage lobby(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player,
                          @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return of(chat.history(player.playerId(), null, page, size));
    }

    private static ChatPage of(org.springframework.data.domain.Page<ChatMessage> p) {
        return new ChatPage(p.getContent(), p.getNumber(), p.getSize(), p.getTotalElements(), p.getTotalPages());
    }
}
