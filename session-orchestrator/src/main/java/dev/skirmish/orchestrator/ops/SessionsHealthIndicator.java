package dev.skirmish.orchestrator.ops;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.GameServerLauncher;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP with capacity numbers; DOWN when the launcher lacks what it needs (jar or image: no session could start). */
@Component("sessions")
public class SessionsHealthIndicator implements HealthIndicator {
    private final SessionRegistry registry;
    private final OrchestratorProperties props;
    private final GameServerLauncher launcher;

    public SessionsHealthIndicator(SessionRegistry registry, OrchestratorProperties props, GameServerLauncher launcher) {
        this.registry = registry;
        this.props = props;
        this.launcher = launcher;
    }

    @Override
    public Health health() {
        GameServerLauncher.Readiness launcher = this.launcher.readiness();
        return (launcher.ready() ? Health.up() : Health.down())
                .withDetail("liveProcesses", registry.size())
                .withDetail("maxSessions", props.maxSessions())
                .withDetail("freePorts", registry.freePorts())
                .withDetails(launcher.details())
                .build();
    }
}
