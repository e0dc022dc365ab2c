package dev.skirmish.lobby.players;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "players")
public class PlayerEntity {
    @Id
    private String id;
    private String name;
    private Instant createdAt;
    /** Set by sign-out: every token of this player is refused from then on. */
    private Instant tokensRevokedAt;

    protected PlayerEntity() {
    }

    public PlayerEntity(String id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }

    public String getName() { return name; }

    public Instant getCreatedAt() { return createdAt; }

    public Instant getTokensRevokedAt() { return tokensRevokedAt; }
}
