package dev.skirmish.lobby.players;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An operator's ban of one player; {@code endsAt} null means until an operator lifts it. */
@Entity
@Table(name = "player_bans")
public class PlayerBanEntity {
    @Id
    private String playerId;
    private Instant bannedAt;
    private Instant endsAt;
    private String reason;
    private String operator;

    protected PlayerBanEntity() {
    }

    PlayerBanEntity(String playerId, Instant bannedAt, Instant endsAt, String reason, String operator) {
        this.playerId = playerId;
        this.bannedAt = bannedAt;
        this.endsAt = endsAt;
        this.reason = reason;
        this.operator = operator;
    }

    String getPlayerId() { return playerId; }

    Instant getBannedAt() { return bannedAt; }

    PlayerBans.Ban view() {
        return new PlayerBans.Ban(playerId, bannedAt, endsAt, reason, operator);
    }
}
