package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * The room rules for membership: create, join (by id or code), leave, kick, ready, and the queries. Every change
 * holds the rooms' one lock and runs in one transaction whose events are published after the commit
 * ({@link RoomLedger}), so clients never hear of a change that was rolled back and two changes never interleave.
 * Starting a match is {@link RoomStarts}.
 */
@Service
public class RoomService {
    private static final Logger log = LoggerFactory.getLogger(RoomService.class);
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 8 of 32 symbols = 40 bits; rooms made before keep their 6-character codes, which still work. */
    static final int CODE_LENGTH = 8;

    private final RoomLedger ledger;
    /** Reads only: every write goes through the ledger. */
    private final RoomRepository rooms;
    private final LobbyProperties props;
    private final Clock clock;
    private final RoomEventQueue events;
    private final RoomHomes homes;
    private final SecureRandom random = new SecureRandom();

    RoomService(RoomLedger ledger, RoomRepository rooms, LobbyProperties props, Clock clock, RoomEventQueue events, RoomHomes homes) {
        this.homes = homes;
        this.ledger = ledger;
        this.rooms = rooms;
        this.props = props;
        this.clock = clock;
        this.events = events;
    }

    /** Everyone holding a seat right now (after a restart: the seats read back from the database). */
    public Set<String> seatedPlayers() {
        return ledger.seatedPlayers();
    }

    public Optional<String> roomOf(String playerId) {
        return ledger.roomOf(playerId);
    }

    public boolean isMember(String playerId, String roomId) {
        return ledger.seatedIn(playerId, roomId);
    }

    /**
     * {@link #isMember} for many players of one room at one moment (a fan-out to its subscribers): in profile cluster
     * one PostgreSQL query for the room instead of one per player; otherwise the in-memory seat index per player.
     */
    public java.util.function.Predicate<String> members(String roomId) {
        return ledger.sharedPlayersIn(roomId).<java.util.function.Predicate<String>>map(players -> players::contains)
                .orElse(playerId -> isMember(playerId, roomId));
    }

    public RoomView get(String roomId, String viewerId) {
        RoomEntity r = rooms.findById(roomId).orElseThrow(() -> RoomLedger.notFound(roomId));
        return ledger.view(r, r.seat(viewerId).isPresent());
    }

    /** {@link #get} as a player's {@code GET /api/rooms/{id}} answers it: with the room's home node as a hint (RoomHomes). */
    public RoomView getForPlayer(String roomId, String viewerId) {
        RoomEntity r = rooms.findById(roomId).orElseThrow(() -> RoomLedger.notFound(roomId));
        return homes.hinted(ledger.view(r, r.seat(viewerId).isPresent()), r.getHomeNode());
    }

    /** Rooms by state, every state (0 when none), from one grouped statement: the gauges and the operators' overview. */
    public Map<RoomState, Long> countByState() {
        var byState = new EnumMap<RoomState, Long>(RoomState.class);
        for (RoomState s : RoomState.values()) byState.put(s, 0L);
        for (Object[] row : rooms.countGroupedByState()) byState.put((RoomState) row[0], ((Number) row[1]).longValue());
        return byState;
    }

    /** Committed room changes of this node so far: unchanged means no change of this node since the last read. */
    public long changes() {
        return events.changes();
    }

    /** Session id → room id of every room playing a match, for the repair job. */
    public Map<String, String> sessionsInGame() {
        var bySession = new LinkedHashMap<String, String>();
        for (RoomEntity r : rooms.findByState(RoomState.IN_GAME)) {
            if (r.getSessionId() != null) bySession.put(r.getSessionId(), r.getId());
        }
        return bySession;
    }

    public Page<RoomView> list(RoomState state, String name, int page, int size) {
        var states = state == null ? EnumSet.allOf(RoomState.class) : EnumSet.of(state);
        String pattern = "%" + (name == null ? "" : name.toLowerCase().replace("%", "").replace("_", "")) + "%";
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, props.maxPageSize()), Sort.by("createdAt", "id"));
        return rooms.findPublic(states, pattern, pageable).map(r -> ledger.view(r, false));
    }

    /** Like {@link #list} with private rooms too (for operators; join codes stay hidden). */
    public Page<RoomView> listForOperators(RoomState state, String name, int page, int size) {
        var states = state == null ? EnumSet.allOf(RoomState.class) : EnumSet.of(state);
        String pattern = "%" + (name == null ? "" : name.toLowerCase().replace("%", "").replace("_", "")) + "%";
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, props.maxPageSize()), Sort.by("createdAt", "id"));
        return rooms.findAnyByName(states, pattern, pageable).map(r -> ledger.view(r, false));
    }

    public RoomView create(PlayerToken p, String name, int capacity, boolean isPrivate) {
        return create(p, name, capacity, isPrivate, null);
    }

    /** @param matchSeconds the match length to ask the orchestrator for; null = {@code skirmish.lobby.match-seconds} */
    public RoomView create(PlayerToken p, String name, int capacity, boolean isPrivate, Integer matchSeconds) {
        // refused rather than stripped: a room name is chosen once and shown to everyone, so its owner should see what was wrong
        String clean = name == null ? "" : UserText.requireShown(name, "INVALID_ROOM_NAME", "room name").strip();
        if (clean.isEmpty() || clean.length() > 32) throw LobbyException.badRequest("INVALID_ROOM_NAME", "room name must be 1-32 characters");
        if (capacity < 2 || capacity > props.maxCapacity()) {
            throw LobbyException.badRequest("INVALID_CAPACITY", "capacity must be between 2 and " + props.maxCapacity());
        }
        int seconds = matchSeconds == null ? props.matchSeconds() : matchSeconds;
        if (seconds < props.minMatchSeconds() || seconds > props.maxMatchSeconds()) {
            throw LobbyException.badRequest("INVALID_MATCH_SECONDS",
                    "matchSeconds must be between " + props.minMatchSeconds() + " and " + props.maxMatchSeconds());
        }
        RoomView v = ledger.create(p.playerId(), () -> {
            var r = new RoomEntity(UUID.randomUUID().toString(), clean, p.playerId(), capacity, isPrivate,
                    isPrivate ? newCode() : null, seconds, clock.instant());
            r.setHomeNode(homes.mine());
            r.getSeats().add(new Seat(p.playerId(), p.name(), clock.instant()));
            return r;
        });
        // DEBUG: one line per room at thousands of rooms a minute is noise (issue 19); the lobby.rooms gauge counts them
        log.debug("{} created room {} '{}' (capacity {}, private {}, {} s matches)", p.name(), v.id(), clean, capacity, isPrivate, seconds);
        return homes.hinted(v, homes.mine());
    }

    public RoomView join(PlayerToken p, String roomId, String code) {
        // the home as read under the row lock with the seats, so the hint costs no statement of its own
        var home = new String[1];
        // only adds a seat (and revives an empty room's owner): the ledger's JDBC path (docs/benchmarks.md)
        RoomView v = ledger.addSeats(roomId, (r, ev) -> {
            home[0] = r.getHomeNode();
            if (r.seat(p.playerId()).isPresent()) return r;
            ledger.requireSeatless(p.playerId());
            if (r.isPrivateRoom() && (code == null || !code.equalsIgnoreCase(r.getJoinCode()))) {
                throw LobbyException.forbidden("WRONG_CODE", "this room is private and the join code is wrong");
            }
            if (r.getState() == RoomState.IN_GAME) throw LobbyException.conflict("ROOM_IN_GAME", "the room is in a match; try again when it ends");
            if (r.getState() == RoomState.STARTING) throw LobbyException.conflict("ROOM_STARTING", "the room is starting a match");
            if (r.getSeats().size() >= r.getCapacity()) throw LobbyException.conflict("ROOM_FULL", "the room is full");
            r.getSeats().add(new Seat(p.playerId(), p.name(), clock.instant()));
            if (r.getSeats().size() == 1) {
                // a room revived before its removal: its joiner owns it
                r.setOwnerId(p.playerId());
                r.setEmptySince(null);
                ledger.keep(r.getId());
            }
            ev.add(ledger.event("JOINED", r, p.playerId(), p.name(), null, Map.of()));
            return r;
        }, p.playerId());
        return homes.hinted(v, home[0]);
    }

    public RoomView joinByCode(PlayerToken p, String code) {
        String id = rooms.findByJoinCode(code == null ? "" : code.toUpperCase())
                .orElseThrow(() -> LobbyException.forbidden("WRONG_CODE", "no room has this join code")).getId();
        return join(p, id, code);
    }

    public RoomView leave(PlayerToken p, String roomId) {
        return ledger.change(roomId, (r, ev) -> {
            RoomLedger.requireMember(r, p.playerId());
            removeSeat(r, p.playerId(), "LEFT", p.name() + " left", ev);
            return r;
        }, p.playerId());
    }

    /** The reconnect window ran out: the player leaves whatever room holds them. */
    public void leaveAfterDisconnect(String playerId) {
        ledger.changeRoomOf(playerId, (r, ev) -> {
            String name = r.seat(playerId).map(Seat::getPlayerName).orElse(playerId);
            removeSeat(r, playerId, "LEFT", name + " disconnected", ev);
            return r;
        });
    }

    public RoomView kick(PlayerToken owner, String roomId, String targetId) {
        return ledger.change(roomId, (r, ev) -> {
            RoomLedger.requireOwner(r, owner.playerId(), "kick players");
            if (owner.playerId().equals(targetId)) throw LobbyException.badRequest("CANNOT_KICK_SELF", "use leave to leave your own room");
            Seat target = r.seat(targetId).orElseThrow(() -> LobbyException.notFound("PLAYER_NOT_IN_ROOM", "that player is not in this room"));
            removeSeat(r, targetId, "KICKED", target.getPlayerName() + " was kicked by " + owner.name(), ev);
            return r;
        }, owner.playerId());
    }

    /** An operator removes a player from a room, whatever its state (a running match goes on without the seat). */
    public RoomView removeByOperator(String roomId, String targetId) {
        return ledger.change(roomId, (r, ev) -> {
            Seat target = r.seat(targetId).orElseThrow(() -> LobbyException.notFound("PLAYER_NOT_IN_ROOM", "that player is not in this room"));
            removeSeat(r, targetId, "KICKED", target.getPlayerName() + " was removed by an operator", ev);
            return r;
        }, null);
    }

    /** An operator closes a room: every member is removed (KICKED), and the empty room goes like any empty room. */
    public RoomView closeByOperator(String roomId) {
        return ledger.change(roomId, (r, ev) -> {
            for (String id : r.getSeats().stream().map(Seat::getPlayerId).toList()) {
                removeSeat(r, id, "KICKED", "the room was closed by an operator", ev);
            }
            return r;
        }, null);
    }

    /** Tells the room's members that an operator deleted one of its chat messages, so clients drop that line. */
    public void announceChatDeleted(String roomId, long messageId) {
        ledger.changeIf(roomId, r -> true, (r, ev) -> {
            ev.add(ledger.event("CHAT_DELETED", r, null, null, "a chat message was removed by an operator",
                    Map.of("messageId", messageId)));
            return r;
        });
    }

    public RoomView ready(PlayerToken p, String roomId, boolean ready) {
        return ledger.change(roomId, (r, ev) -> {
            Seat seat = RoomLedger.requireMember(r, p.playerId());
            if (r.getState() == RoomState.IN_GAME) throw LobbyException.conflict("ROOM_IN_GAME", "the room is in a match");
            if (ledger.isLaunching(r)) throw LobbyException.conflict("ROOM_LAUNCHING", "the match is being launched");
            if (seat.isReady() == ready) return r;
            seat.setReady(ready);
            ev.add(ledger.event("READY", r, p.playerId(), p.name(), null, Map.of("ready", ready)));
            if (!ready && r.getState() == RoomState.STARTING) ledger.cancelCountdown(r, p.name() + " is not ready any more", ev);
            return r;
        }, p.playerId());
    }

    private void removeSeat(RoomEntity r, String playerId, String type, String reason, java.util.List<RoomEvent> ev) {
        String name = r.seat(playerId).map(Seat::getPlayerName).orElse(playerId);
        r.getSeats().removeIf(s -> s.getPlayerId().equals(playerId));
        ev.add(ledger.event(type, r, playerId, name, reason, Map.of()));
        if (r.getState() == RoomState.STARTING && !ledger.isLaunching(r)) ledger.cancelCountdown(r, reason, ev);
        if (r.getSeats().isEmpty()) {
            r.setEmptySince(clock.instant());
        } else if (r.getOwnerId().equals(playerId)) {
            Seat heir = r.getSeats().getFirst();
            r.setOwnerId(heir.getPlayerId());
            ev.add(ledger.event("OWNER_CHANGED", r, heir.getPlayerId(), heir.getPlayerName(),
                    name + " left; " + heir.getPlayerName() + " owns the room now", Map.of()));
        }
        // a player leaving (or its reconnect window ending) is as common as a sign-in, whose line is DEBUG too (issue 19);
        // kicks and an operator's removals stay INFO
        if ("LEFT".equals(type)) log.debug("room {}: {} ({})", r.getId(), type, reason);
        else log.info("room {}: {} ({})", r.getId(), type, reason);
    }

    private String newCode() {
        for (;;) {
            var sb = new StringBuilder();
            for (int i = 0; i < CODE_LENGTH; i++) sb.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            if (rooms.findByJoinCode(sb.toString()).isEmpty()) return sb.toString();
        }
    }
}
