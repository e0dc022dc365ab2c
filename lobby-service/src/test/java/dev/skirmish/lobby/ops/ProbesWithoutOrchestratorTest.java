package dev.skirmish.lobby.ops;

import dev.skirmish.lobby.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the orchestrator down the overall health says so, but liveness and readiness stay UP: restarting or
 * unrouting the lobby would not bring the orchestrator back, and players can still sign in, chat and form rooms.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // port 1 on loopback: nothing listens, so every health check of the orchestrator fails at once
        properties = {"server.address=127.0.0.1", "skirmish.lobby.orchestrator-url=http://127.0.0.1:1"})
@ActiveProfiles("test")
class ProbesWithoutOrchestratorTest {
    @LocalServerPort
    int port;

    @Test
    void livenessAndReadinessDoNotDependOnTheOrchestrator() {
        var http = new Http(port);
        var health = http.get("/actuator/health", "test-service-key"); // components need the service key (issue 13)
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().get("status").asString()).isEqualTo("DOWN");
        assertThat(health.body().get("components").get("orchestrator").get("status").asString()).isEqualTo("DOWN");

        var liveness = http.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).as(liveness.raw()).isEqualTo(200);
        assertThat(liveness.body().get("status").asString()).isEqualTo("UP");
        var readiness = http.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.raw()).isEqualTo(200);
        assertThat(readiness.body().get("status").asString()).isEqualTo("UP");
        assertThat(http.post("/api/players/guest", null, "{\"name\":\"probe1\"}").status()).isEqualTo(201);
    }
}
