package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.text.UserText;
import java.time.Instant;

/** A chat line as delivered on {@code /topic/rooms/{id}/chat} and {@code /topic/lobby/chat} and returned by history. */
public record ChatMessage(long id, String channel, String playerId, String name, String text, Instant sentAt) {
    /** Lines stored before {@link UserText} existed may hold hidden characters: they never leave in a message. */
    public ChatMessage {
        name = UserText.strip(name);
        text = UserText.strip(text);
    }

    static ChatMessage of(ChatMessageEntity e) {
        return new ChatMessage(e.getId(), e.getChannel(), e.getPlayerId(), e.getPlayerName(), e.getText(), e.getSentAt());
    }
}
