package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.chat.ChatService;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An operator deletes a chat message (audited). */
@RestController
public class ChatModerationController {
    private final ChatService chat;
    private final AuditLog audit;

    ChatModerationController(ChatService chat, AuditLog audit) {
        this.chat = chat;
        this.audit = audit;
    }

    @PostMapping("/api/admin/chat/{messageId}/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable long messageId,
                       @RequestBody RoomModerationController.ReasonRequest request) {
        String reason = RoomModerationController.reason(request);
        String channel = chat.delete(messageId).orElseThrow(() -> LobbyException.notFound("MESSAGE_NOT_FOUND", "no such chat message"));
        audit.record(operator, "DELETE_MESSAGE", String.valueOf(messageId), "channel " + channel + ": " + reason);
    }
}
