package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.matches.MatchKicks;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomView;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Operator actions on rooms and sessions; each one is written to the audit log before it runs. */
@RestController
public class RoomModerationController {
    public record ReasonRequest(String reason) {
    }

    private final RoomService rooms;
    private final SessionClient sessions;
    private final MatchKicks matchKicks;
    private final AuditLog audit;

    RoomModerationController(RoomService rooms, SessionClient sessions, MatchKicks matchKicks, AuditLog audit) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.matchKicks = matchKicks;
        this.audit = audit;
    }

    @PostMapping("/api/admin/rooms/{roomId}/players/{playerId}/kick")
    public RoomView kick(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String roomId,
                         @PathVariable String playerId, @RequestBody ReasonRequest request) {
        String reason = reason(request);
        requireId(roomId);
        requireId(playerId);
        // the match first: when the orchestrator cannot be asked nothing has changed yet, and the operator retries
        Optional<String> session = matchKicks.kickFromRunningMatch(roomId, playerId);
        RoomView view;
        try {
            view = rooms.removeByOperator(roomId, playerId);
        } catch (LobbyException e) {
            // a player who left its seat but still played in the match: the match kick was the whole job
            if (session.isEmpty() || !"PLAYER_NOT_IN_ROOM".equals(e.code())) throw e;
            view = rooms.get(roomId, null);
        }
        audit.record(operator, "KICK", playerId, "room " + roomId + session.map(s -> ", match session " + s).orElse("") + ": " + reason);
        return view;
    }

    @PostMapping("/api/admin/rooms/{roomId}/close")
    public RoomView close(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String roomId,
                          @RequestBody ReasonRequest request) {
        String reason = reason(request);
        requireId(roomId);
        RoomView view = rooms.closeByOperator(roomId);
        audit.record(operator, "CLOSE_ROOM", roomId, reason);
        return view;
    }

    /** The orchestrator's {@code DELETE /api/sessions/{id}}: the game server ends the match, the room reopens. */
    @PostMapping("/api/admin/sessions/{sessionId}/stop")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void stopSession(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable String sessionId,
                            @RequestBody ReasonRequest request) {
        String reason = reason(request);
        requireId(sessionId);
        audit.record(operator, "STOP_SESSION", sessionId, reason);
        sessions.endSession(sessionId);
    }

    /** Ids are UUID-like: anything else is refused before it reaches a query or the orchestrator's URL. */
    private static void requireId(String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) throw LobbyException.badRequest("INVALID_ID", "ids are 1-64 letters, digits, '_' or '-'");
    }

    static String reason(ReasonRequest request) {
        String raw = request == null ? null : request.reason();
        if (raw == null || raw.isBlank() || raw.length() > AuditLog.MAX_REASON)
            throw LobbyException.badRequest("INVALID_REASON", "reason must be 1-" + AuditLog.MAX_REASON + " characters");
        return UserText.requireShown(raw.strip(), "INVALID_REASON", "reason");
    }
}
