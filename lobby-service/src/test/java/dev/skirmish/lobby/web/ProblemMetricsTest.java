package dev.skirmish.lobby.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

/**
 * The shared problem counter (web-support, registered by its auto-configuration) counts the lobby's problems: those
 * of the security chains and those of the MVC handlers, by code and status (docs/observability.md).
 */
class ProblemMetricsTest extends IntegrationTestBase {
    private static final String KEY = "test-service-key";

    @Test
    void problemsAreCountedByCodeAndStatus() {
        assertThat(http.get("/api/rooms", null).status()).isEqualTo(401);
        String player = http.guest(name("probl")).get("token").asString();
        assertThat(http.get("/api/rooms/no-such-room", player).status()).isEqualTo(404);
        assertThat(http.get("/actuator/prometheus", KEY).raw())
                .contains("skirmish_problems_total{code=\"UNAUTHORIZED\",status=\"401\"}")
                .containsPattern("skirmish_problems_total\\{code=\"[A-Z_]+\",status=\"404\"\\}");
    }
}
