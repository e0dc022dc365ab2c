package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.rooms.RoomView;
import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Match history: written when a session starts, completed when the orchestrator reports its end. Ending a match,
 * reopening its room and recording the event as processed are one transaction: if any part fails, none happened,
 * the orchestrator hears an error and delivers the event again.
 */
@Service
public class MatchService {
    private static final Logger log = LoggerFactory.getLogger(MatchService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** endReason prefix of a match the repair job ended; the orchestrator's own event, arriving late, still completes it. */
    static final String REPAIRED = "REPAIRED: ";

    private final MatchRepository matches;
    private final ProcessedEventRepository processed;
    private final PendingSessionEventRepository pending;
    private final RoomStarts rooms;
    private final LiveMatches live;
    private final TransactionTemplate tx;
    private final Clock clock;

    public MatchService(MatchRepository matches, ProcessedEventRepository processed, PendingSessionEventRepository pending, RoomStarts rooms,
                        LiveMatches live, TransactionTemplate tx, Clock clock) {
        this.live = live;
        this.matches = matches;
        this.processed = processed;
        this.pending = pending;
        this.rooms = rooms;
        this.tx = tx;
        this.clock = clock;
    }

    public String recordStart(RoomView room, String sessionId) {
        var m = new MatchEntity(UUID.randomUUID().toString(), room.id(), room.name(), sessionId, clock.instant());
        room.players().forEach(p -> m.getPlayers().add(new MatchPlayer(p.id(), p.name())));
        return matches.save(m).getId();
    }

    /**
     * Applies an orchestrator event once per {@code eventId}; returns false for a duplicate. An end whose match row
     * does not exist yet is kept as pending (not processed) and applied by {@link #afterLaunch}.
     */
    public synchronized boolean apply(SessionEvent e) {
        if (e.eventId() == null || e.eventId().isBlank() || e.type() == null || e.sessionId() == null) {
            throw LobbyException.badRequest("INVALID_EVENT", "eventId, type and sessionId are required");
        }
        String state = terminalState(e.type());
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (processed.existsById(e.eventId()) || pending.existsById(e.eventId())) return false;
            if (state == null) {
                processed.save(new ProcessedEventEntity(e.eventId(), clock.instant())); // SESSION_READY and future types: nothing to do
                return true;
            }
            var match = matches.findBySessionId(e.sessionId()).orElse(null);
            if (match == null) {
                log.warn("event {} ({}) for session {} arrived before its match was recorded; kept until it is", e.eventId(), e.type(), e.sessionId());
                pending.save(new PendingSessionEvent(e.eventId(), e.sessionId(), JSON.writeValueAsString(e), clock.instant()));
                return true;
            }
            processed.save(new ProcessedEventEntity(e.eventId(), clock.instant()));
            end(match, e, state);
            return true;
        }));
    }

    /**
     * After a launch recorded its match and put the room IN_GAME: applies the events that came first, and reopens
     * the room if its match already ended in between (an end applied before the room held the session).
     */
    public synchronized void afterLaunch(String sessionId) {
        tx.executeWithoutResult(s -> {
            var match = matches.findBySessionId(sessionId).orElse(null);
            if (match == null) return;
            for (PendingSessionEvent p : pending.findBySessionIdOrderByReceivedAt(sessionId)) {
                SessionEvent e = JSON.readValue(p.getBody(), SessionEvent.class);
                pending.delete(p);
                processed.save(new ProcessedEventEntity(e.eventId(), clock.instant()));
                log.info("applying event {} ({}) of session {}, kept until its match was recorded", e.eventId(), e.type(), sessionId);
                end(match, e, terminalState(e.type()));
            }
            if (!"RUNNING".equals(match.getState())) {
                rooms.ended(match.getRoomId(), sessionId, match.getEndReason(), roomData(match));
            }
        });
    }

    /**
     * The repair job found this session over (or unknown) at the orchestrator while the lobby still has it running:
     * ends the match if it runs and reopens the room if it still plays this session, in one transaction.
     */
    public synchronized void repair(String roomId, String sessionId, String state, String reason) {
        tx.executeWithoutResult(s -> {
            var match = matches.findBySessionId(sessionId).orElse(null);
            Map<String, Object> data = Map.of();
            if (match != null) {
                if ("RUNNING".equals(match.getState())) match.end(state, clock.instant(), REPAIRED + reason, null, null);
                live.ended(sessionId);
                data = roomData(match);
            }
            String room = match != null ? match.getRoomId() : roomId;
            if (room != null) rooms.ended(room, sessionId, reason, data);
        });
    }

    /** Ends the match (unless an earlier end already did; a repair's end is completed) and reopens its room. */
    private void end(MatchEntity match, SessionEvent e, String state) {
        boolean open = "RUNNING".equals(match.getState()) || (match.getEndReason() != null && match.getEndReason().startsWith(REPAIRED));
        if (!open) {
            // the match ended before: a later end of the same session (or a very late duplicate) changes nothing
            log.info("event {} ({}) of session {}: match {} already {}", e.eventId(), e.type(), e.sessionId(), match.getId(), match.getState());
            return;
        }
        live.ended(e.sessionId()); // a rolled-back end is harmless here: current() asks the match row too
        var r = e.result();
        String reason = e.reason() != null ? e.reason() : r != null ? r.reason() : state;
        match.end(state, e.occurredAt() != null ? e.occurredAt() : clock.instant(), reason, r == null ? null : r.winner(),
                r == null ? null : r.durationSeconds());
        if (r != null && r.players() != null) {
            for (var score : r.players()) {
                match.getPlayers().stream().filter(p -> p.getPlayerName().equals(score.name())).findFirst()
                        .ifPresent(p -> p.score(score.kills(), score.deaths(), score.damageDealt()));
            }
        }
        log.info("session {} of room {}: {} ({})", e.sessionId(), match.getRoomId(), e.type(), e.reason());
        // inside this transaction: if the reopen fails, the event is not recorded as processed either
        rooms.ended(match.getRoomId(), e.sessionId(), e.reason() != null ? e.reason() : state, roomData(match));
    }

    private static Map<String, Object> roomData(MatchEntity match) {
        var data = new LinkedHashMap<String, Object>();
        data.put("matchId", match.getId());
        data.put("match", MatchView.of(match));
        return Map.copyOf(data);
    }

    private static String terminalState(String type) {
        return switch (type) {
            case "SESSION_ENDED" -> "ENDED";
            case "SESSION_FAILED" -> "FAILED";
            case "SESSION_CRASHED" -> "CRASHED";
            default -> null;
        };
    }

    /** Session id → room id of the oldest 200 matches still RUNNING, for the repair job. */
    public Map<String, String> runningSessions() {
        var bySession = new LinkedHashMap<String, String>();
        for (MatchEntity m : matches.findTop200ByStateOrderByStartedAt("RUNNING")) bySession.putIfAbsent(m.getSessionId(), m.getRoomId());
        return bySession;
    }

    public Page<MatchView> forPlayer(String player, int page, int size, int maxSize) {
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, maxSize), Sort.by(Sort.Direction.DESC, "startedAt"));
        return matches.findByPlayer(player, pageable).map(MatchView::of);
    }

    /** The newest matches, all or in one state (RUNNING, ENDED, FAILED, CRASHED). */
    public java.util.List<MatchView> latest(String state, int size, int maxSize) {
        var pageable = PageRequest.of(0, Math.clamp(size, 1, maxSize), Sort.by(Sort.Direction.DESC, "startedAt"));
        return (state == null ? matches.findAll(pageable) : matches.findByState(state, pageable)).map(MatchView::of).getContent();
    }

    public long running() {
        return matches.countByState("RUNNING");
    }

    public long startedSince(java.time.Instant since) {
        return matches.countByStartedAtAfter(since);
    }

    public MatchView get(String id) {
        return matches.findById(id).map(MatchView::of).orElseThrow(() -> LobbyException.notFound("MATCH_NOT_FOUND", "no match " + id));
    }
}
