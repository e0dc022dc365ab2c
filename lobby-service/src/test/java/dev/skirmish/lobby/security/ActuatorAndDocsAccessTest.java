package dev.skirmish.lobby.security;

import dev.skirmish.lobby.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 13, item 7): anyone reads {@code /actuator/prometheus}, health details (the orchestrator's state)
 * and info. Only the status and the liveness/readiness probes are open; the rest needs the service key — and a
 * player token, being no service key, does not open it. Each kind of credential opens only its own paths.
 */
class ActuatorAndDocsAccessTest extends IntegrationTestBase {
    private static final String KEY = "test-service-key";

    @Test
    void metricsInfoAndHealthDetailsNeedTheServiceKey() {
        String player = http.guest(name("peek")).get("token").asString();
        for (String path : new String[] {"/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/health/orchestrator", "/actuator/env"}) {
            for (String who : new String[] {null, player, "wrong-key"}) {
                var r = http.get(path, who);
                assertThat(r.status()).as(path + " as " + who).isEqualTo(401);
                assertThat(r.body().get("code").asString()).isEqualTo("UNAUTHORIZED");
            }
        }
        assertThat(http.get("/actuator/prometheus", KEY).raw()).contains("lobby_players_online");
        assertThat(http.get("/actuator/info", KEY).status()).isEqualTo(200);
    }

    @Test
    void probesAndTheBareStatusAreOpenWithoutDetails() {
        var health = http.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        assertThat(health.body().has("components")).as(health.raw()).isFalse();
        assertThat(http.get("/actuator/health", KEY).body().has("components")).isTrue();
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void theServiceKeyIsNoPlayerTokenAndAPlayerTokenIsNoServiceKey() {
        assertThat(http.get("/api/rooms", KEY).status()).isEqualTo(401);
        String player = http.guest(name("peek")).get("token").asString();
        assertThat(http.post("/internal/sessions/events", player, "{}").status()).isEqualTo(401);
    }

    @Test
    void docsAreOpenOutsideProd() {
        assertThat(http.get("/v3/api-docs", null).raw()).contains("/api/players/sign-out");
    }

    @Autowired
    ApplicationContext context;

    /** Attack: Boot's default user ("user" and a password printed in the log) opening what the service key guards. */
    @Test
    void thereIsNoDefaultUserAndNoBasicOrFormLogin() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        String basic = java.util.Base64.getEncoder().encodeToString("user:password".getBytes());
        var r = dev.skirmish.lobby.support.RawHttp.send(port, "GET", "/actuator/prometheus", null, null);
        assertThat(r.status()).isEqualTo(401);
        var viaBasic = http.getWithHeader("/actuator/prometheus", "Authorization", "Basic " + basic);
        assertThat(viaBasic.status()).isEqualTo(401);
        assertThat(http.post("/login", null, null).status()).isEqualTo(401);
        assertThat(http.get("/login", null).status()).isEqualTo(401);
    }

    @Test
    void pathsNoChainKnowsAreRefused() {
        assertThat(http.get("/admin", null).status()).isEqualTo(401);
    }
}
