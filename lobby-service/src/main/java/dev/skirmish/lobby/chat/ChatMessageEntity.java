package dev.skirmish.lobby.chat;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored chat line, read for history; rows are written by {@link ChatStore}. */
@Entity
@Table(name = "chat_messages")
public class ChatMessageEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String channel;
    private String playerId;
    private String playerName;
    private String text;
    private Instant sentAt;

    protected ChatMessageEntity() {
    }


    public Long getId() { return id; }

    public String getChannel() { return channel; }

    public String getPlayerId() { return playerId; }

    public String getPlayerName() { return playerName; }

    public String getText() { return text; }

    public Instant getSentAt() { return sentAt; }
}
