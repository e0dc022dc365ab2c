package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.sessions.SessionEvent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Orchestrator → lobby events (the service key is required by the /internal/** security chain, security.SecurityConfig). Duplicates answer 204 too. */
@RestController
public class SessionEventController {
    private final MatchService matches;

    public SessionEventController(MatchService matches) {
        this.matches = matches;
    }

    @PostMapping("/internal/sessions/events")
    public ResponseEntity<Void> event(@RequestBody SessionEvent event) {
        matches.apply(event);
        return ResponseEntity.noContent().build();
    }
}
