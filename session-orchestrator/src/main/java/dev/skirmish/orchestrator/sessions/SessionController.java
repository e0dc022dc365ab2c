package dev.skirmish.orchestrator.sessions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sessions")
@Tag(name = "sessions", description = "Start, list and stop game sessions (service key)")
public class SessionController {
    private final SessionService service;
    private final SessionQueries queries;

    public SessionController(SessionService service, SessionQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Start a match: returns once the game server is READY, with one connect token per player")
    public ResponseEntity<CreatedSession> create(@Valid @RequestBody CreateSessionRequest request) {
        CreatedSession created = service.create(request);
        return ResponseEntity.created(URI.create("/api/sessions/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "Sessions, newest first, optionally by state")
    public List<SessionView> list(@RequestParam(required = false) SessionState state) {
        return queries.list(state);
    }

    @GetMapping("/{id}")
    public SessionView get(@PathVariable String id) {
        return queries.get(id);
    }

    /**
     * The lobby's operator kick: the game server disconnects the player with KICKED and refuses its token for the
     * rest of the match. 202: the server is told on its next heartbeat answer (within about a second).
     */
    @PostMapping("/{id}/players/{playerId}/kick")
    @Operation(summary = "Remove a player from the running match (disconnected with KICKED, no way back in)")
    public ResponseEntity<Void> kick(@PathVariable String id, @PathVariable String playerId) {
        if (playerId.length() > 64) {
            throw new SessionException(org.springframework.http.HttpStatus.BAD_REQUEST, "Bad player id",
                    "player ids are at most 64 characters", "INVALID_PLAYER_ID");
        }
        service.kick(id, playerId);
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Stop gracefully (SIGTERM, then a kill after the grace period)")
    public ResponseEntity<Void> stop(@PathVariable String id) {
        if (!queries.exists(id)) {
            throw SessionException.notFound(id);
        }
        service.stop(id);
        return ResponseEntity.accepted().build();
    }
}
