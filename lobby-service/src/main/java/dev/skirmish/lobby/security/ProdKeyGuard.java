package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.config.ServiceKeyProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start in the {@code prod} profile with a secret anyone can look up: a service key that is published
 * (the default of application.yml, the docker-compose.yml default) or blank, or a player-token secret that is
 * missing or shorter than 32 bytes (HMAC-SHA256 wants a key as long as its output).
 */
@Component
public class ProdKeyGuard {
    /** Every service key this repository ships: application.yml and docker-compose.yml. */
    static final Set<String> KNOWN_SERVICE_KEYS = Set.of(ServiceKeyProperties.DEFAULT_KEY, "compose-dev-service-key-change-me");
    static final int MIN_SECRET_BYTES = 32;

    public ProdKeyGuard(Environment env, ServiceKeyProperties key, LobbyProperties props) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("prod")) return;
        List<String> problems = new ArrayList<>();
        String serviceKey = key.serviceKey() == null ? "" : key.serviceKey().trim();
        if (serviceKey.isEmpty() || KNOWN_SERVICE_KEYS.contains(serviceKey)) {
            problems.add("the default skirmish.service-key: set SKIRMISH_SERVICE_KEY");
        }
        String secret = props.tokenSecret() == null ? "" : props.tokenSecret();
        if (secret.isBlank() || bytes(secret) < MIN_SECRET_BYTES) {
            problems.add("a skirmish.lobby.token-secret " + (secret.isBlank() ? "that is not set" : "shorter than " + MIN_SECRET_BYTES + " bytes")
                    + ": set SKIRMISH_LOBBY_TOKEN_SECRET to at least " + MIN_SECRET_BYTES + " random bytes");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start in the prod profile with " + String.join("; and with ", problems));
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
