package dev.skirmish.orchestrator.launch.agones;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An allocated GameServer fetches its match here, once. The fleet credential for the name in the path was
 * checked by the security chain before this runs (SecurityConfig, FleetCredentialAuthorizationManager).
 */
@RestController
@ConditionalOnProperty(name = "skirmish.orchestrator.launcher", havingValue = "agones")
@Tag(name = "Agones game servers", description = "Fleet credential bound to the GameServer name")
public class AssignmentController {
    public static final String PATH = "/internal/agones/gameservers/{name}/assignment";

    private final AgonesLauncher launcher;

    public AssignmentController(AgonesLauncher launcher) {
        this.launcher = launcher;
    }

    /** The game server's view of its match; the session key authenticates its callbacks from then on. */
    public record AssignmentView(String sessionId, String sessionKey, List<String> players, int matchSeconds) {
        @Override
        public String toString() {
            return "AssignmentView[session=" + sessionId + "]";
        }
    }

    @GetMapping(PATH)
    public ResponseEntity<?> assignment(@PathVariable String name) {
        return launcher.takeAssignment(name)
                .<ResponseEntity<?>>map(a -> ResponseEntity.ok(new AssignmentView(a.sessionId(), a.sessionKeyBase64(),
                        a.players(), a.matchSeconds())))
                .orElseGet(() -> {
                    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no match waits for"
                            + " GameServer " + name + " (not allocated by this orchestrator, or already fetched)");
                    p.setTitle("No assignment");
                    p.setProperty("code", "ASSIGNMENT_NOT_FOUND");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(p);
                });
    }
}
