package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.web.LobbyException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Who sits where: this node's in-memory index (read without a lock on every STOMP frame) and the {@code seat_claims}
 * rows that guard "one room per player" on every node. Written only by {@link RoomLedger} (and {@link RoomRecovery} at
 * start), under the rooms' lock ({@link RoomLock}) and inside a change's transaction, so the index follows exactly
 * the seats each change leaves. With profile {@code cluster}
 * other nodes seat players too, so reads go to {@code seat_claims} instead of the index.
 */
@Component
class SeatIndex {
    private final SeatClaims claims;
    /** Profile cluster: other nodes change rooms too, so this node's index is not the truth. */
    private final boolean shared;
    /** Read without the lock; written only under RoomLedger's. */
    private final Map<String, String> roomOfPlayer = new ConcurrentHashMap<>();

    SeatIndex(SeatClaims claims, Environment environment) {
        this.claims = claims;
        this.shared = environment.matchesProfiles("cluster");
    }

    Optional<String> roomOf(String playerId) {
        return shared ? claims.roomOf(playerId) : Optional.ofNullable(roomOfPlayer.get(playerId));
    }

    /**
     * Whether the player sits in this room: {@link #roomOf} without its {@code Optional}, which every subscriber of a
     * room's fan-out and every chat line's membership check allocated (~8 bytes per delivery, docs/benchmarks.md, alloc23).
     */
    boolean seatedIn(String playerId, String roomId) {
        return shared ? claims.roomOf(playerId).filter(roomId::equals).isPresent() : roomId.equals(roomOfPlayer.get(playerId));
    }

    /** Profile cluster: the room's players in one query (seat_claims_room); empty otherwise, where roomOf is a map read. */
    Optional<Set<String>> sharedPlayersIn(String roomId) {
        return shared ? Optional.of(claims.playersIn(roomId)) : Optional.empty();
    }

    Set<String> seatedPlayers() {
        return shared ? claims.seatedPlayers() : Set.copyOf(roomOfPlayer.keySet());
    }

    /** Refused while the player holds a seat anywhere (seat_claims' key guards it too). */
    void requireSeatless(String playerId) {
        if (roomOf(playerId).isPresent()) throw alreadyInRoom();
    }

    /** A second seat of one player (another node seated it meanwhile) is refused by seat_claims' key. */
    static <T> T guarded(Supplier<T> change) {
        try {
            return change.get();
        } catch (DataIntegrityViolationException e) {
            throw alreadyInRoom();
        }
    }

    private static LobbyException alreadyInRoom() {
        return LobbyException.conflict("ALREADY_IN_ROOM", "leave your current room first");
    }

    /** Takes the room's row lock for the rest of the transaction; false if the room is gone. */
    boolean lockRoom(String roomId) {
        return claims.lockRoom(roomId);
    }

    /** After a restart: the seats stored in the room, indexed (their claims are stored already). */
    void recovered(RoomEntity r) {
        r.getSeats().forEach(seat -> roomOfPlayer.put(seat.getPlayerId(), r.getId()));
    }

    int size() {
        return roomOfPlayer.size();
    }

    static Set<String> seatsOf(RoomEntity r) {
        return r.getSeats().stream().map(Seat::getPlayerId).collect(Collectors.toSet());
    }

    /** Brings the index and the claims in step with the room's seats after a change that started from {@code before}. */
    void follow(RoomEntity r, Set<String> before) {
        Set<String> now = seatsOf(r);
        before.stream().filter(id -> !now.contains(id)).forEach(id -> {
            claims.release(id, r.getId());
            roomOfPlayer.remove(id, r.getId());
        });
        now.stream().filter(id -> !before.contains(id)).forEach(id -> {
            claims.claim(id, r.getId());
            roomOfPlayer.put(id, r.getId());
        });
    }
}
