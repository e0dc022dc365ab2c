package dev.skirmish.lobby.sessions;

import dev.skirmish.lobby.config.LobbyProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Reported as {@code orchestrator} under /actuator/health. */
@Component("orchestrator")
public class OrchestratorHealthIndicator implements HealthIndicator {
    private final SessionClient client;
    private final LobbyProperties props;

    public OrchestratorHealthIndicator(SessionClient client, LobbyProperties props) {
        this.client = client;
        this.props = props;
    }

    @Override
    public Health health() {
        var b = client.isReachable() ? Health.up() : Health.down();
        return b.withDetail("url", props.orchestratorUrl().toString()).build();
    }
}
