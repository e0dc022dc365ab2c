package dev.skirmish.lobby.matches;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "matches")
public class MatchEntity {
    @Id
    private String id;
    private String roomId;
    private String roomName;
    private String sessionId;
    /** RUNNING, ENDED, FAILED, CRASHED */
    private String state;
    private Instant startedAt;
    private Instant endedAt;
    private String endReason;
    private String winner;
    private Double durationSeconds;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "match_players", joinColumns = @JoinColumn(name = "match_id"))
    @OrderColumn(name = "position")
    private List<MatchPlayer> players = new ArrayList<>();

    protected MatchEntity() {
    }

    public MatchEntity(String id, String roomId, String roomName, String sessionId, Instant startedAt) {
        this.id = id;
        this.roomId = roomId;
        this.roomName = roomName;
        this.sessionId = sessionId;
        this.state = "RUNNING";
        this.startedAt = startedAt;
    }

    public void end(String state, Instant endedAt, String reason, String winner, Double durationSeconds) {
        this.state = state;
        this.endedAt = endedAt;
        this.endReason = reason;
        this.winner = winner;
        this.durationSeconds = durationSeconds;
    }

    public String getId() { return id; }

    public String getRoomId() { return roomId; }

    public String getRoomName() { return roomName; }

    public String getSessionId() { return sessionId; }

    public String getState() { return state; }

    public Instant getStartedAt() { return startedAt; }

    public Instant getEndedAt() { return endedAt; }

    public String getEndReason() { return endReason; }

    public String getWinner() { return winner; }

    public Double getDurationSeconds() { return durationSeconds; }

    public List<MatchPlayer> getPlayers() { return players; }
}
