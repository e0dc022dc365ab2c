package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.matches.MatchView;
import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.SessionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's matches page: running and ended matches from the lobby's records, and a per-match report with the
 * game server's figures, which the orchestrator keeps from its heartbeats (tick p99, bytes in and out).
 */
@RestController
@RequestMapping("/api/admin/matches")
public class MatchAdminController {
    static final Set<String> STATES = Set.of("RUNNING", "ENDED", "FAILED", "CRASHED");

    /**
     * @param stats                 the server's last heartbeat figures; null when the orchestrator no longer knows the
     *                              session (or cannot be asked)
     * @param bytesPerSecondPerClient the server's traffic (in + out) over the match time, divided by its players: the
     *                              heartbeat carries totals, so this is the mean per client, not each client's own
     */
    public record MatchReport(MatchView match, String sessionState, SessionClient.Stats stats, Double tickMsP99,
                              Double bytesPerSecondPerClient) {
    }

    private final MatchService matches;
    private final SessionClient sessions;

    MatchAdminController(MatchService matches, SessionClient sessions) {
        this.matches = matches;
        this.sessions = sessions;
    }

    /** The newest matches (1-200, default 50), all or in one state. */
    @GetMapping
    public List<MatchView> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "50") int limit) {
        return matches.latest(ConsoleInputs.state(state, STATES), ConsoleInputs.limit(limit), ConsoleInputs.MAX_LIMIT);
    }

    @GetMapping("/{id}")
    public MatchReport report(@PathVariable String id) {
        MatchView m = matches.get(ConsoleInputs.id(id));
        SessionClient.SessionSummary session = null;
        try {
            if (m.sessionId() != null) session = sessions.summary(m.sessionId()).orElse(null);
        } catch (SessionException e) {
            // the report still shows the lobby's record; the figures need the orchestrator
        }
        var stats = session == null ? null : session.lastStats();
        return new MatchReport(m, session == null ? null : session.state(), stats, stats == null ? null : stats.tickMsP99(),
                perClient(m, stats));
    }

    private static Double perClient(MatchView m, SessionClient.Stats stats) {
        if (stats == null) return null;
        int clients = Math.max(1, m.players().isEmpty() ? stats.playersConnected() : m.players().size());
        Instant end = m.endedAt() != null ? m.endedAt() : Instant.now();
        double seconds = m.durationSeconds() != null ? m.durationSeconds() : Duration.between(m.startedAt(), end).toMillis() / 1000.0;
        if (seconds <= 0) return null;
        return (stats.bytesIn() + stats.bytesOut()) / seconds / clients;
    }
}
