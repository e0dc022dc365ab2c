package dev.skirmish.orchestrator.ops;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import java.nio.file.Files;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP with capacity numbers; DOWN when the game-server jar is missing (no session could ever start). */
@Component("sessions")
public class SessionsHealthIndicator implements HealthIndicator {
    private final SessionRegistry registry;
    private final OrchestratorProperties props;

    public SessionsHealthIndicator(SessionRegistry registry, OrchestratorProperties props) {
        this.registry = registry;
        this.props = props;
    }

    @Override
    public Health health() {
        boolean jar = Files.isRegularFile(props.gameServerJar());
        return (jar ? Health.up() : Health.down())
                .withDetail("liveProcesses", registry.size())
                .withDetail("maxSessions", props.maxSessions())
                .withDetail("freePorts", registry.freePorts())
                .withDetail("gameServerJar", props.gameServerJar().toAbsolutePath().toString())
                .withDetail("gameServerJarFound", jar)
                .build();
    }
}
