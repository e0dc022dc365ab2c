package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.web.LobbyException;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's sessions page, read from the orchestrator with the service key (which never leaves the lobby).
 * Log lines are a game server's text and may echo what players typed: the console shows them as text only.
 */
@RestController
@RequestMapping("/api/admin/sessions")
public class SessionAdminController {
    static final Set<String> STATES = Set.of("REQUESTED", "STARTING", "READY", "RUNNING", "UNHEALTHY", "ENDED", "FAILED", "CRASHED");

    private final SessionClient sessions;

    SessionAdminController(SessionClient sessions) {
        this.sessions = sessions;
    }

    /** The orchestrator's newest sessions (at most {@code limit}, 1-200, default 100), optionally in one state. */
    @GetMapping
    public List<SessionClient.SessionSummary> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit) {
        String s = ConsoleInputs.state(state, STATES);
        int n = ConsoleInputs.limit(limit);
        return ConsoleInputs.orchestrator(() -> sessions.sessions(s)).stream().limit(n).toList();
    }

    /** The last {@code lines} (1-200, default 50) the session's game server wrote. */
    @GetMapping("/{id}/log")
    public SessionClient.SessionLog log(@PathVariable String id, @RequestParam(defaultValue = "50") int lines) {
        String sid = ConsoleInputs.id(id);
        int n = ConsoleInputs.limit(lines);
        return ConsoleInputs.orchestrator(() -> sessions.log(sid, n))
                .orElseThrow(() -> LobbyException.notFound("SESSION_NOT_FOUND", "the orchestrator has no session " + sid));
    }
}
