package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.rooms.RoomView;
import dev.skirmish.lobby.sessions.ProcessedEventEntity;
import dev.skirmish.lobby.sessions.ProcessedEventRepository;
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

/** Match history: written when a session starts, completed when the orchestrator reports its end. */
@Service
public class MatchService {
    private static final Logger log = LoggerFactory.getLogger(MatchService.class);

    private final MatchRepository matches;
    private final ProcessedEventRepository processed;
    private final RoomStarts rooms;
    private final TransactionTemplate tx;
    private final Clock clock;

    public MatchService(MatchRepository matches, ProcessedEventRepository processed, RoomStarts rooms, TransactionTemplate tx, Clock clock) {
        this.matches = matches;
        this.processed = processed;
        this.rooms = rooms;
        this.tx = tx;
        this.clock = clock;
    }

    public String recordStart(RoomView room, String sessionId) {
        var m = new MatchEntity(UUID.randomUUID().toString(), room.id(), room.name(), sessionId, clock.instant());
        room.players().forEach(p -> m.getPlayers().add(new MatchPlayer(p.id(), p.name())));
        return matches.save(m).getId();
    }

    /** Applies an orchestrator event once per {@code eventId}; returns false for a duplicate. */
    public synchronized boolean apply(SessionEvent e) {
        if (e.eventId() == null || e.eventId().isBlank() || e.type() == null || e.sessionId() == null) {
            throw LobbyException.badRequest("INVALID_EVENT", "eventId, type and sessionId are required");
        }
        if (processed.existsById(e.eventId())) return false;
        String state = switch (e.type()) {
            case "SESSION_ENDED" -> "ENDED";
            case "SESSION_FAILED" -> "FAILED";
            case "SESSION_CRASHED" -> "CRASHED";
            default -> null; // SESSION_READY and future types: nothing to do
        };
        var roomData = new LinkedHashMap<String, Object>();
        String roomId = tx.execute(s -> {
            processed.save(new ProcessedEventEntity(e.eventId(), clock.instant()));
            if (state == null) return null;
            var match = matches.findBySessionId(e.sessionId()).orElse(null);
            if (match == null) {
                log.warn("event {} for unknown session {}", e.eventId(), e.sessionId());
                return e.roomId();
            }
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
            roomData.put("matchId", match.getId());
            roomData.put("match", MatchView.of(match));
            return match.getRoomId();
        });
        if (state != null && roomId != null) {
            log.info("session {} of room {}: {} ({})", e.sessionId(), roomId, e.type(), e.reason());
            rooms.ended(roomId, e.sessionId(), e.reason() != null ? e.reason() : state, Map.copyOf(roomData));
        }
        return true;
    }

    public Page<MatchView> forPlayer(String player, int page, int size, int maxSize) {
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, maxSize), Sort.by(Sort.Direction.DESC, "startedAt"));
        return matches.findByPlayer(player, pageable).map(MatchView::of);
    }

    public MatchView get(String id) {
        return matches.findById(id).map(MatchView::of).orElseThrow(() -> LobbyException.notFound("MATCH_NOT_FOUND", "no match " + id));
    }
}
