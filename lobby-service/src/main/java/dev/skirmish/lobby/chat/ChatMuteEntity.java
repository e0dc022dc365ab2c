package dev.skirmish.lobby.chat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A player's mute, stored so it outlives a lobby restart; {@link ChatMutes} holds the active ones in memory. */
@Entity
@Table(name = "chat_mutes")
public class ChatMuteEntity {
    @Id
    private String playerId;
    private Instant mutedAt;
    private Instant endsAt;
    private String reason;
    private String operator;

    protected ChatMuteEntity() {
    }

    ChatMuteEntity(String playerId, Instant mutedAt, Instant endsAt, String reason, String operator) {
        this.playerId = playerId;
        this.mutedAt = mutedAt;
        this.endsAt = endsAt;
        this.reason = reason;
        this.operator = operator;
    }

    public String getPlayerId() { return playerId; }

    public Instant getEndsAt() { return endsAt; }

    public String getReason() { return reason; }
}
