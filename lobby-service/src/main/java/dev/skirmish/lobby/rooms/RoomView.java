package dev.skirmish.lobby.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.skirmish.lobby.text.UserText;
import java.time.Instant;
import java.util.List;

/**
 * A room as clients see it. {@code code} (the private join code) is only filled in for members;
 * {@code startsAt} only while STARTING; {@code sessionId} only while IN_GAME; {@code matchSeconds} is the match length
 * this room asks the orchestrator for. {@code node} is the room's home node, a routing hint ({@link RoomHomes}): only in
 * the answers of create, join, join by code and get, with profile cluster and a node name; absent (not null) otherwise.
 */
public record RoomView(String id, String name, String owner, String ownerId, List<PlayerView> players, int capacity,
                       RoomState state, @JsonProperty("private") boolean isPrivate, String code, int matchSeconds, Instant startsAt,
                       String sessionId, @JsonInclude(JsonInclude.Include.NON_NULL) String node) {

    /** Rows stored before {@link UserText} existed may hold hidden characters: they never leave in a view. */
    public RoomView {
        name = UserText.strip(name);
        owner = UserText.strip(owner);
    }

    public record PlayerView(String id, String name, boolean ready) {
        public PlayerView {
            name = UserText.strip(name);
        }
    }

    static RoomView of(RoomEntity r, boolean withCode, Instant startsAt) {
        var players = r.getSeats().stream().map(s -> new PlayerView(s.getPlayerId(), s.getPlayerName(), s.isReady())).toList();
        return new RoomView(r.getId(), r.getName(), r.ownerName(), r.getOwnerId(), players, r.getCapacity(), r.getState(),
                r.isPrivateRoom(), withCode ? r.getJoinCode() : null, r.getMatchSeconds(), startsAt, r.getSessionId(), null);
    }

    /** The same view without the join code (or a hint), for broadcasts. */
    public RoomView withoutCode() {
        return new RoomView(id, name, owner, ownerId, players, capacity, state, isPrivate, null, matchSeconds, startsAt, sessionId, null);
    }

    /** The same view naming the room's home node ({@link RoomHomes}). */
    RoomView withNode(String homeNode) {
        return new RoomView(id, name, owner, ownerId, players, capacity, state, isPrivate, code, matchSeconds, startsAt, sessionId, homeNode);
    }
}
