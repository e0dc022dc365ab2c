package dev.skirmish.orchestrator.callbacks;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.sessions.Allocation;
import dev.skirmish.orchestrator.sessions.Heartbeat;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.MatchResultReport;
import dev.skirmish.orchestrator.sessions.SessionCallbacks;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Calls from game servers, authenticated with their session key by the security interceptor. */
@RestController
@RequestMapping("/internal/sessions/{id}")
@Tag(name = "game-server callbacks", description = "Session key of the calling server")
public class CallbackController {
    private final SessionCallbacks callbacks;
    private final OrchestratorProperties props;

    public CallbackController(SessionCallbacks callbacks, OrchestratorProperties props) {
        this.callbacks = callbacks;
        this.props = props;
    }

    @PostMapping("/ready")
    public ResponseEntity<Void> ready(@PathVariable String id, @RequestBody(required = false) ReadyReport report) {
        callbacks.ready(callbacks.live(id));
        return ResponseEntity.noContent().build();
    }

    /**
     * The answer is the orchestrator's one command channel to its game servers (no listening port on the server,
     * works the same for processes and containers): 204 when there is nothing to do, else 200 with the players
     * an operator removed ({@link HeartbeatAnswer}).
     */
    @PostMapping("/heartbeat")
    public ResponseEntity<HeartbeatAnswer> heartbeat(@PathVariable String id, @Valid @RequestBody Heartbeat beat) {
        LiveSession live = callbacks.live(id);
        callbacks.heartbeat(live, beat);
        var kicked = live.kicked();
        return kicked.isEmpty() ? ResponseEntity.noContent().build() : ResponseEntity.ok(new HeartbeatAnswer(kicked));
    }

    @PostMapping("/result")
    public ResponseEntity<Void> result(@PathVariable String id, @Valid @RequestBody MatchResultReport report) {
        callbacks.result(callbacks.live(id), report);
        return ResponseEntity.noContent().build();
    }

    /** Long poll of a warm server: 200 with its match, or 204 "ask again" after the poll timeout. */
    @GetMapping("/allocation")
    public ResponseEntity<Allocation> allocation(@PathVariable String id) throws InterruptedException {
        LiveSession live = callbacks.live(id);
        return callbacks.awaitAllocation(live, props.allocationPollTimeout())
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
