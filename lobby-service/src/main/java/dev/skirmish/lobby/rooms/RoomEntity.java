package dev.skirmish.lobby.rooms;

import dev.skirmish.protocol.trace.Traceparent;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Entity
@Table(name = "rooms")
public class RoomEntity {
    @Id
    private String id;
    private String name;
    private String ownerId;
    private int capacity;
    @Column(name = "private_room")
    private boolean privateRoom;
    private String joinCode;
    @Enumerated(EnumType.STRING)
    private RoomState state;
    private Instant createdAt;
    private Instant emptySince;
    private String sessionId;
    private String matchId;
    private int matchSeconds;
    /** The running countdown (see {@link Countdowns}): on the row, so any node can finish it. */
    private Long countdownId;
    private Instant countdownEndsAt;
    private boolean launching;
    /**
     * The trace of the start request that began the countdown, so its launch (on any node) continues it; null for a
     * row written before V14 (its launch starts a new trace). Checked on the way in and out: the column is ours, but
     * a value that is not a valid traceparent must never become a log's or a header's trace id.
     */
    @Column(length = Traceparent.LENGTH)
    private String countdownTraceparent;

    /**
     * The node that created the room (V18; null without profile cluster or a node name): the routing hint of its
     * answers ({@link RoomHomes}). Checked on the way out too: a value that is not a node name never leaves.
     */
    @Column(length = 32)
    private String homeNode;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "room_seats", joinColumns = @JoinColumn(name = "room_id"))
    @OrderColumn(name = "seat_order")
    private List<Seat> seats = new ArrayList<>();

    protected RoomEntity() {
    }

    public RoomEntity(String id, String name, String ownerId, int capacity, boolean privateRoom, String joinCode, int matchSeconds,
                      Instant createdAt) {
        this.id = id;
        this.matchSeconds = matchSeconds;
        this.name = name;
        this.ownerId = ownerId;
        this.capacity = capacity;
        this.privateRoom = privateRoom;
        this.joinCode = joinCode;
        this.state = RoomState.OPEN;
        this.createdAt = createdAt;
    }

    /** A room as {@link RoomRows} read it with plain JDBC: detached, never saved through JPA. */
    static RoomEntity fromRow(String id, String name, String ownerId, int capacity, boolean privateRoom, String joinCode,
                              RoomState state, Instant createdAt, Instant emptySince, String sessionId, String matchId,
                              int matchSeconds, Long countdownId, Instant countdownEndsAt, boolean launching,
                              String countdownTraceparent, String homeNode, List<Seat> seats) {
        var r = new RoomEntity(id, name, ownerId, capacity, privateRoom, joinCode, matchSeconds, createdAt);
        r.state = state;
        r.emptySince = emptySince;
        r.sessionId = sessionId;
        r.matchId = matchId;
        r.countdownId = countdownId;
        r.countdownEndsAt = countdownEndsAt;
        r.launching = launching;
        r.countdownTraceparent = countdownTraceparent;
        r.homeNode = homeNode;
        r.seats = new ArrayList<>(seats);
        return r;
    }

    public Optional<Seat> seat(String playerId) {
        return seats.stream().filter(s -> s.getPlayerId().equals(playerId)).findFirst();
    }

    public boolean allReady() {
        return seats.stream().allMatch(Seat::isReady);
    }

    public String ownerName() {
        return seat(ownerId).map(Seat::getPlayerName).orElse(null);
    }

    public String getId() { return id; }

    public String getName() { return name; }

    public String getOwnerId() { return ownerId; }

    public void setOwnerId(String ownerId) { this.ownerId = ownerId; }

    public int getCapacity() { return capacity; }

    public boolean isPrivateRoom() { return privateRoom; }

    public String getJoinCode() { return joinCode; }

    public RoomState getState() { return state; }

    public void setState(RoomState state) { this.state = state; }

    public Instant getCreatedAt() { return createdAt; }

    public Instant getEmptySince() { return emptySince; }

    public void setEmptySince(Instant emptySince) { this.emptySince = emptySince; }

    public String getSessionId() { return sessionId; }

    public void setSessionId(String sessionId) { this.sessionId = sessionId; }

    public String getMatchId() { return matchId; }

    public void setMatchId(String matchId) { this.matchId = matchId; }

    public int getMatchSeconds() { return matchSeconds; }

    public List<Seat> getSeats() { return seats; }

    public Long getCountdownId() { return countdownId; }

    public Instant getCountdownEndsAt() { return countdownEndsAt; }

    public boolean isLaunching() { return launching; }

    /** The countdown's traceparent if the stored value is a valid one, else null. */
    public String getCountdownTraceparent() { return Traceparent.validOrNull(countdownTraceparent); }

    /** The stored home node, raw: {@link RoomHomes} checks it before it becomes a hint. */
    String getHomeNode() { return homeNode; }

    void setHomeNode(String homeNode) { this.homeNode = homeNode; }

    void setCountdown(Long id, Instant endsAt, boolean launching, String traceparent) {
        this.countdownId = id;
        this.countdownEndsAt = endsAt;
        this.launching = launching;
        this.countdownTraceparent = Traceparent.validOrNull(traceparent);
    }
}
