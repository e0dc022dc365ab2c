package dev.skirmish.lobby.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** One player's place in a room; the room keeps seats in join order, so the first seat is the longest present. */
@Embeddable
public class Seat {
    @Column(name = "player_id")
    private String playerId;
    @Column(name = "player_name")
    private String playerName;
    private boolean ready;
    private Instant joinedAt;

    protected Seat() {
    }

    public Seat(String playerId, String playerName, Instant joinedAt) {
        this.playerId = playerId;
        this.playerName = playerName;
        this.joinedAt = joinedAt;
    }

    /** A stored seat, as {@link RoomRows} reads it. */
    Seat(String playerId, String playerName, boolean ready, Instant joinedAt) {
        this(playerId, playerName, joinedAt);
        this.ready = ready;
    }

    public String getPlayerId() { return playerId; }

    public String getPlayerName() { return playerName; }

    public boolean isReady() { return ready; }

    public void setReady(boolean ready) { this.ready = ready; }

    public Instant getJoinedAt() { return joinedAt; }
}
