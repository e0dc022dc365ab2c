package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.web.LobbyException;
import jakarta.annotation.PostConstruct;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The room rules. Every change runs under one lock and one transaction, and its events are published after the
 * commit, so clients never hear of a change that was rolled back and two changes never interleave.
 */
@Service
public class RoomService {
    private static final Logger log = LoggerFactory.getLogger(RoomService.class);
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final RoomRepository rooms;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final TaskScheduler scheduler;
    private final LobbyProperties props;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> roomOfPlayer = new ConcurrentHashMap<>();
    private final Map<String, Countdown> countdowns = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> removals = new ConcurrentHashMap<>();
    private long countdownSeq;
    private final List<RoomEvent> recovered = new ArrayList<>();

    private record Countdown(long id, Instant endsAt, ScheduledFuture<?> future) {
    }

    public RoomService(RoomRepository rooms, TransactionTemplate tx, ApplicationEventPublisher publisher,
                       TaskScheduler lobbyScheduler, LobbyProperties props, Clock clock) {
        this.rooms = rooms;
        this.tx = tx;
        this.publisher = publisher;
        this.scheduler = lobbyScheduler;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Rebuilds the seat index after a restart; countdowns do not survive one, so STARTING rooms reopen and their
     * members are told why once the application is ready (see {@link #announceRecovery}).
     */
    @PostConstruct
    synchronized void recover() {
        tx.executeWithoutResult(s -> {
            for (RoomEntity r : rooms.findAll()) {
                r.getSeats().forEach(seat -> roomOfPlayer.put(seat.getPlayerId(), r.getId()));
                if (r.getState() == RoomState.STARTING) {
                    r.setState(RoomState.OPEN);
                    recovered.add(event("COUNTDOWN_CANCELLED", r, null, null, "the lobby restarted during the countdown; start again", Map.of()));
                    log.warn("room {} was STARTING when the lobby stopped; it is OPEN again", r.getId());
                }
                if (r.getSeats().isEmpty()) {
                    if (r.getEmptySince() == null) r.setEmptySince(clock.instant());
                    scheduleRemoval(r);
                }
            }
        });
        log.info("recovered {} seated players", roomOfPlayer.size());
    }

    /** Events of the recovery, published once listeners (STOMP broadcast, metrics) are all in place. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void announceRecovery() {
        publish(recovered);
        recovered.clear();
    }

    /** Everyone holding a seat right now (after a restart: the seats read back from the database). */
    public Set<String> seatedPlayers() {
        return Set.copyOf(roomOfPlayer.keySet());
    }

    public Optional<String> roomOf(String playerId) {
        return Optional.ofNullable(roomOfPlayer.get(playerId));
    }

    public boolean isMember(String playerId, String roomId) {
        return roomId.equals(roomOfPlayer.get(playerId));
    }

    public RoomView get(String roomId, String viewerId) {
        RoomEntity r = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
        return view(r, r.seat(viewerId).isPresent());
    }

    public Page<RoomView> list(RoomState state, String name, int page, int size) {
        var states = state == null ? EnumSet.allOf(RoomState.class) : EnumSet.of(state);
        String pattern = "%" + (name == null ? "" : name.toLowerCase().replace("%", "").replace("_", "")) + "%";
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, props.maxPageSize()), Sort.by("createdAt", "id"));
        return rooms.findPublic(states, pattern, pageable).map(r -> view(r, false));
    }

    public RoomView create(PlayerToken p, String name, int capacity, boolean isPrivate) {
        return create(p, name, capacity, isPrivate, null);
    }

    /** @param matchSeconds the match length to ask the orchestrator for; null = {@code skirmish.lobby.match-seconds} */
    public synchronized RoomView create(PlayerToken p, String name, int capacity, boolean isPrivate, Integer matchSeconds) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty() || clean.length() > 32) throw LobbyException.badRequest("INVALID_ROOM_NAME", "room name must be 1-32 characters");
        if (capacity < 2 || capacity > props.maxCapacity()) {
            throw LobbyException.badRequest("INVALID_CAPACITY", "capacity must be between 2 and " + props.maxCapacity());
        }
        int seconds = matchSeconds == null ? props.matchSeconds() : matchSeconds;
        if (seconds < props.minMatchSeconds() || seconds > props.maxMatchSeconds()) {
            throw LobbyException.badRequest("INVALID_MATCH_SECONDS",
                    "matchSeconds must be between " + props.minMatchSeconds() + " and " + props.maxMatchSeconds());
        }
        requireSeatless(p.playerId());
        var events = new ArrayList<RoomEvent>();
        RoomView v = tx.execute(s -> {
            var r = new RoomEntity(UUID.randomUUID().toString(), clean, p.playerId(), capacity, isPrivate,
                    isPrivate ? newCode() : null, seconds, clock.instant());
            r.getSeats().add(new Seat(p.playerId(), p.name(), clock.instant()));
            rooms.save(r);
            roomOfPlayer.put(p.playerId(), r.getId());
            events.add(event("CREATED", r, p.playerId(), p.name(), null, Map.of()));
            return view(r, true);
        });
        log.info("{} created room {} '{}' (capacity {}, private {}, {} s matches)", p.name(), v.id(), clean, capacity, isPrivate, seconds);
        publish(events);
        return v;
    }

    public synchronized RoomView join(PlayerToken p, String roomId, String code) {
        return mutate(roomId, (r, ev) -> {
            if (r.seat(p.playerId()).isPresent()) return r;
            requireSeatless(p.playerId());
            if (r.isPrivateRoom() && (code == null || !code.equalsIgnoreCase(r.getJoinCode()))) {
                throw LobbyException.forbidden("WRONG_CODE", "this room is private and the join code is wrong");
            }
            if (r.getState() == RoomState.IN_GAME) throw LobbyException.conflict("ROOM_IN_GAME", "the room is in a match; try again when it ends");
            if (r.getState() == RoomState.STARTING) throw LobbyException.conflict("ROOM_STARTING", "the room is starting a match");
            if (r.getSeats().size() >= r.getCapacity()) throw LobbyException.conflict("ROOM_FULL", "the room is full");
            r.getSeats().add(new Seat(p.playerId(), p.name(), clock.instant()));
            roomOfPlayer.put(p.playerId(), r.getId());
            if (r.getSeats().size() == 1) {
                // a room revived before its removal: its joiner owns it
                r.setOwnerId(p.playerId());
                r.setEmptySince(null);
                cancel(removals.remove(r.getId()));
            }
            ev.add(event("JOINED", r, p.playerId(), p.name(), null, Map.of()));
            return r;
        }, p.playerId());
    }

    public RoomView joinByCode(PlayerToken p, String code) {
        String id = rooms.findByJoinCode(code == null ? "" : code.toUpperCase())
                .orElseThrow(() -> LobbyException.forbidden("WRONG_CODE", "no room has this join code")).getId();
        return join(p, id, code);
    }

    public synchronized RoomView leave(PlayerToken p, String roomId) {
        return mutate(roomId, (r, ev) -> {
            requireMember(r, p.playerId());
            removeSeat(r, p.playerId(), "LEFT", p.name() + " left", ev);
            return r;
        }, p.playerId());
    }

    /** The reconnect window ran out: the player leaves whatever room holds them. */
    public synchronized void leaveAfterDisconnect(String playerId) {
        String roomId = roomOfPlayer.get(playerId);
        if (roomId == null) return;
        mutate(roomId, (r, ev) -> {
            String name = r.seat(playerId).map(Seat::getPlayerName).orElse(playerId);
            removeSeat(r, playerId, "LEFT", name + " disconnected", ev);
            return r;
        }, playerId);
    }

    public synchronized RoomView kick(PlayerToken owner, String roomId, String targetId) {
        return mutate(roomId, (r, ev) -> {
            requireOwner(r, owner.playerId(), "kick players");
            if (owner.playerId().equals(targetId)) throw LobbyException.badRequest("CANNOT_KICK_SELF", "use leave to leave your own room");
            Seat target = r.seat(targetId).orElseThrow(() -> LobbyException.notFound("PLAYER_NOT_IN_ROOM", "that player is not in this room"));
            removeSeat(r, targetId, "KICKED", target.getPlayerName() + " was kicked by " + owner.name(), ev);
            return r;
        }, owner.playerId());
    }

    public synchronized RoomView ready(PlayerToken p, String roomId, boolean ready) {
        return mutate(roomId, (r, ev) -> {
            Seat seat = requireMember(r, p.playerId());
            if (r.getState() == RoomState.IN_GAME) throw LobbyException.conflict("ROOM_IN_GAME", "the room is in a match");
            if (isLaunching(r)) throw LobbyException.conflict("ROOM_LAUNCHING", "the match is being launched");
            if (seat.isReady() == ready) return r;
            seat.setReady(ready);
            ev.add(event("READY", r, p.playerId(), p.name(), null, Map.of("ready", ready)));
            if (!ready && r.getState() == RoomState.STARTING) cancelCountdown(r, p.name() + " is not ready any more", ev);
            return r;
        }, p.playerId());
    }

    public synchronized RoomView start(PlayerToken owner, String roomId) {
        return mutate(roomId, (r, ev) -> {
            requireOwner(r, owner.playerId(), "start the match");
            if (r.getState() != RoomState.OPEN) throw LobbyException.conflict("ROOM_NOT_OPEN", "the room is already " + r.getState());
            if (r.getSeats().size() < 2) throw LobbyException.conflict("NOT_ENOUGH_PLAYERS", "at least 2 players are needed");
            if (!r.allReady()) throw LobbyException.conflict("PLAYERS_NOT_READY", "every player must be ready");
            r.setState(RoomState.STARTING);
            long id = ++countdownSeq;
            Instant endsAt = clock.instant().plus(props.countdown());
            var future = scheduler.schedule(() -> publisher.publishEvent(new CountdownFinished(roomId, id)), endsAt);
            countdowns.put(roomId, new Countdown(id, endsAt, future));
            ev.add(event("COUNTDOWN", r, owner.playerId(), owner.name(), null, Map.of("seconds", props.countdown().toSeconds())));
            log.info("room {} starting in {}", roomId, props.countdown());
            return r;
        }, owner.playerId());
    }

    // ---- the launch, driven by the match starter ----

    /** Claims the finished countdown; empty if it was cancelled in the meantime. */
    public synchronized Optional<RoomView> claimLaunch(String roomId, long countdownId) {
        Countdown c = countdowns.get(roomId);
        if (c == null || c.id() != countdownId) return Optional.empty();
        countdowns.put(roomId, new Countdown(c.id(), c.endsAt(), null)); // null future = launching, no longer cancellable
        return rooms.findById(roomId).filter(r -> r.getState() == RoomState.STARTING).map(r -> view(r, false));
    }

    public synchronized void launched(String roomId, String sessionId, String matchId) {
        countdowns.remove(roomId);
        mutate(roomId, (r, ev) -> {
            r.setState(RoomState.IN_GAME);
            r.setSessionId(sessionId);
            r.setMatchId(matchId);
            ev.add(event("STARTED", r, null, null, null, Map.of("sessionId", sessionId, "matchId", matchId)));
            return r;
        }, null);
    }

    public synchronized void launchFailed(String roomId, String reason) {
        countdowns.remove(roomId);
        mutate(roomId, (r, ev) -> {
            r.setState(RoomState.OPEN);
            ev.add(event("START_FAILED", r, null, null, reason, Map.of()));
            return r;
        }, null);
    }

    /** The orchestrator reported the end (or crash) of the room's session: the room opens again. */
    public synchronized void ended(String roomId, String sessionId, String reason, Map<String, Object> data) {
        if (rooms.findById(roomId).filter(r -> sessionId.equals(r.getSessionId())).isEmpty()) return;
        mutate(roomId, (r, ev) -> {
            r.setState(RoomState.OPEN);
            r.setSessionId(null);
            r.getSeats().forEach(s -> s.setReady(false));
            ev.add(event("ENDED", r, null, null, reason, data));
            return r;
        }, null);
    }

    // ---- internals ----

    private interface Change {
        RoomEntity apply(RoomEntity room, List<RoomEvent> events);
    }

    private RoomView mutate(String roomId, Change change, String viewerId) {
        var events = new ArrayList<RoomEvent>();
        RoomView v = tx.execute(s -> {
            RoomEntity r = rooms.findById(roomId).orElseThrow(() -> notFound(roomId));
            RoomEntity after = change.apply(r, events);
            if (after.getSeats().isEmpty() && after.getEmptySince() != null && removals.get(roomId) == null) scheduleRemoval(after);
            return view(after, viewerId != null && after.seat(viewerId).isPresent());
        });
        publish(events);
        return v;
    }

    private void removeSeat(RoomEntity r, String playerId, String type, String reason, List<RoomEvent> ev) {
        String name = r.seat(playerId).map(Seat::getPlayerName).orElse(playerId);
        r.getSeats().removeIf(s -> s.getPlayerId().equals(playerId));
        roomOfPlayer.remove(playerId, r.getId());
        ev.add(event(type, r, playerId, name, reason, Map.of()));
        if (r.getState() == RoomState.STARTING && !isLaunching(r)) cancelCountdown(r, reason, ev);
        if (r.getSeats().isEmpty()) {
            r.setEmptySince(clock.instant());
        } else if (r.getOwnerId().equals(playerId)) {
            Seat heir = r.getSeats().getFirst();
            r.setOwnerId(heir.getPlayerId());
            ev.add(event("OWNER_CHANGED", r, heir.getPlayerId(), heir.getPlayerName(), name + " left; " + heir.getPlayerName() + " owns the room now", Map.of()));
        }
        log.info("room {}: {} ({})", r.getId(), type, reason);
    }

    private void cancelCountdown(RoomEntity r, String reason, List<RoomEvent> ev) {
        Countdown c = countdowns.remove(r.getId());
        if (c != null) cancel(c.future());
        r.setState(RoomState.OPEN);
        ev.add(event("COUNTDOWN_CANCELLED", r, null, null, reason, Map.of()));
        log.info("room {}: countdown cancelled ({})", r.getId(), reason);
    }

    private boolean isLaunching(RoomEntity r) {
        Countdown c = countdowns.get(r.getId());
        return c != null && c.future() == null;
    }

    private void scheduleRemoval(RoomEntity r) {
        String id = r.getId();
        Instant at = r.getEmptySince().plus(props.emptyRoomTtl());
        removals.put(id, scheduler.schedule(() -> removeIfStillEmpty(id), at));
    }

    synchronized void removeIfStillEmpty(String roomId) {
        removals.remove(roomId);
        var events = new ArrayList<RoomEvent>();
        tx.executeWithoutResult(s -> rooms.findById(roomId)
                // a room emptied again later has a later emptySince and its own, later timer
                .filter(r -> r.getSeats().isEmpty() && r.getEmptySince() != null
                        && !r.getEmptySince().plus(props.emptyRoomTtl()).isAfter(clock.instant().plusMillis(50)))
                .ifPresent(r -> {
                    rooms.delete(r);
                    events.add(new RoomEvent("REMOVED", roomId, null, null, "empty for " + props.emptyRoomTtl().toSeconds() + " s",
                            Map.of("private", r.isPrivateRoom())));
                    log.info("room {} removed after being empty", roomId);
                }));
        publish(events);
    }

    private void requireSeatless(String playerId) {
        if (roomOfPlayer.containsKey(playerId)) throw LobbyException.conflict("ALREADY_IN_ROOM", "leave your current room first");
    }

    private static Seat requireMember(RoomEntity r, String playerId) {
        return r.seat(playerId).orElseThrow(() -> LobbyException.forbidden("NOT_A_MEMBER", "you are not in this room"));
    }

    private static void requireOwner(RoomEntity r, String playerId, String what) {
        requireMember(r, playerId);
        if (!r.getOwnerId().equals(playerId)) throw LobbyException.forbidden("NOT_OWNER", "only the room owner may " + what);
    }

    private RoomView view(RoomEntity r, boolean withCode) {
        Countdown c = countdowns.get(r.getId());
        return RoomView.of(r, withCode, r.getState() == RoomState.STARTING && c != null ? c.endsAt() : null);
    }

    private RoomEvent event(String type, RoomEntity r, String playerId, String playerName, String reason, Map<String, Object> data) {
        Map<String, String> player = playerId == null ? null : Map.of("id", playerId, "name", playerName);
        return new RoomEvent(type, r.getId(), view(r, false), player, reason, data);
    }

    private void publish(List<RoomEvent> events) {
        events.forEach(publisher::publishEvent);
    }

    private String newCode() {
        for (;;) {
            var sb = new StringBuilder();
            for (int i = 0; i < 6; i++) sb.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            if (rooms.findByJoinCode(sb.toString()).isEmpty()) return sb.toString();
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }

    private static LobbyException notFound(String roomId) {
        return LobbyException.notFound("ROOM_NOT_FOUND", "no room " + roomId);
    }

}
