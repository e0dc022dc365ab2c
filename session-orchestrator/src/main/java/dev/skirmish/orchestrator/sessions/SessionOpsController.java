package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.LogTail;
import dev.skirmish.orchestrator.launch.ServerHandle;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator console needs beyond the session views (service key, like every {@code /api/**} path): counts by
 * state, and the last lines a game server wrote. Those lines are the game server's own text, which may echo what
 * players sent: callers show them as text, never as markup.
 */
@RestController
@RequestMapping("/api/sessions")
@Tag(name = "sessions")
public class SessionOpsController {
    /** Most lines one call returns; the tail read is also bounded in bytes ({@link LogTail}). */
    static final int MAX_LINES = 200;

    public record SessionCounts(Map<SessionState, Long> byState, int processes, int maxSessions) {
    }

    /** {@code process}: "pid 1234" or "container skirmish-gs-..." while the server runs, else null. */
    public record SessionLog(String id, String process, List<String> lines) {
    }

    private final SessionRepository repository;
    private final SessionRegistry registry;
    private final OrchestratorProperties props;

    SessionOpsController(SessionRepository repository, SessionRegistry registry, OrchestratorProperties props) {
        this.repository = repository;
        this.registry = registry;
        this.props = props;
    }

    @GetMapping("/counts")
    @Operation(summary = "How many sessions are in each state, and the game-server processes running now")
    public SessionCounts counts() {
        Map<SessionState, Long> byState = new LinkedHashMap<>();
        for (SessionState s : SessionState.values()) byState.put(s, repository.countByState(s));
        return new SessionCounts(byState, registry.size(), props.maxSessions());
    }

    @GetMapping("/{id}/log")
    @Operation(summary = "The last lines (1-200, default 50) of a session's game-server output")
    public SessionLog log(@PathVariable String id, @RequestParam(defaultValue = "50") int lines) {
        if (lines < 1 || lines > MAX_LINES)
            throw new SessionException(HttpStatus.BAD_REQUEST, "Bad line count", "lines must be 1-" + MAX_LINES);
        var entity = repository.findById(id).orElseThrow(() -> SessionException.notFound(id));
        var live = registry.find(id);
        ServerHandle handle = live.map(LiveSession::process).orElse(null);
        // the id came from the database (s- and hex digits), so the file name cannot leave the logs directory
        Path file = live.map(LiveSession::logFile).orElse(props.dataDir().resolve("logs").resolve(entity.getId() + ".log"));
        String text = LogTail.lastLines(file, lines);
        if (text.isEmpty() && entity.getLastLogLines() != null) text = entity.getLastLogLines();
        List<String> out = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        if (out.size() > lines) out = out.subList(out.size() - lines, out.size());
        return new SessionLog(id, handle != null && handle.isAlive() ? handle.describe() : null, out);
    }
}
