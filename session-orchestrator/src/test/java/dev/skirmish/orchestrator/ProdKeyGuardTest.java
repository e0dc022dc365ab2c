package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attack: a production orchestrator left with a service key published in this repository (application.yml's, the
 * compose file's) takes session requests from anyone who read the repository. In profile {@code prod} it refuses
 * to start with one; and the API docs, which map every endpoint, need the service key there.
 */
class ProdKeyGuardTest {
    @TempDir
    Path dir;

    private Map<String, Object> prod(String key) {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        p.put("spring.profiles.active", "prod");
        p.put("skirmish.service-key", key);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev-service-key-change-me", "compose-dev-service-key-change-me",
            " compose-dev-service-key-change-me "})
    void aPublishedDefaultServiceKeyStopsTheStartInProd(String key) {
        assertThatThrownBy(() -> TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), prod(key)).close())
                .hasStackTraceContaining("refusing to start in the prod profile");
    }

    @Test
    void theDefaultKeyStillStartsOutsideProd() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        p.put("skirmish.service-key", "dev-service-key-change-me");
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            assertThat(orch.send("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void inProdAnOwnKeyStartsAndTheApiDocsNeedIt() {
        String key = "prod-key-0123456789abcdef0123456789abcdef";
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), prod(key))) {
            assertThat(orch.send("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(401);
            assertThat(orch.send("GET", "/swagger-ui/index.html", null, null).statusCode()).isEqualTo(401);
            assertThat(orch.send("GET", "/v3/api-docs", null, key).body()).contains("/api/sessions");
            assertThat(orch.send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        }
    }
}
