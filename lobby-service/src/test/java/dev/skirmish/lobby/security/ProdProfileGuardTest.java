package dev.skirmish.lobby.security;

import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.support.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attack: a production lobby started with a key or secret anyone can read in this repository — the default service
 * key, the compose file's, or a missing or short token secret (with which anyone forges player tokens). Profile
 * {@code prod} refuses to start with any of them. In {@code prod} the API docs need the service key as well.
 */
class ProdProfileGuardTest {
    private static final String GOOD_SECRET = "0123456789abcdef0123456789abcdef-prod";

    @TempDir
    Path dir;

    private SpringApplicationBuilder prod() {
        return new SpringApplicationBuilder(LobbyApplication.class).profiles("test", "prod");
    }

    private String[] args(String serviceKey, String secret) {
        return new String[] {"--spring.datasource.url=jdbc:h2:mem:prod-" + System.nanoTime(), "--server.port=0", "--server.address=127.0.0.1",
                "--skirmish.service-key=" + serviceKey, "--skirmish.lobby.token-secret=" + secret,
                "--skirmish.lobby.orchestrator-url=http://127.0.0.1:1"};
    }

    @Test
    void everyKnownDefaultServiceKeyIsRefused() {
        for (String known : new String[] {"dev-service-key-change-me", "compose-dev-service-key-change-me", " "}) {
            assertThatThrownBy(() -> prod().run(args(known, GOOD_SECRET)))
                    .as(known).hasStackTraceContaining("refusing to start in the prod profile with the default skirmish.service-key");
        }
    }

    @Test
    void aMissingOrShortTokenSecretIsRefused() {
        assertThatThrownBy(() -> prod().run(args("a-real-key-" + System.nanoTime(), "")))
                .hasStackTraceContaining("skirmish.lobby.token-secret that is not set");
        assertThatThrownBy(() -> prod().run(args("a-real-key-" + System.nanoTime(), "0123456789abcdef0123456789abcde")))
                .hasStackTraceContaining("skirmish.lobby.token-secret shorter than 32 bytes");
    }

    @Test
    void withRealSecretsItStartsAndTheDocsNeedTheServiceKey() {
        String key = "a-real-key-" + System.nanoTime();
        try (var ctx = prod().run(args(key, GOOD_SECRET))) {
            var http = new Http(((WebServerApplicationContext) ctx).getWebServer().getPort());
            assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(401);
            assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(401);
            assertThat(http.get("/v3/api-docs", key).status()).isEqualTo(200);
        }
    }
}
