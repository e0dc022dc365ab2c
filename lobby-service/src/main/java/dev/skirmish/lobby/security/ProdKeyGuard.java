package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.ServiceKeyProperties;
import java.util.Arrays;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Refuses to start in the {@code prod} profile while the shared service key is the public default. */
@Component
public class ProdKeyGuard {
    public ProdKeyGuard(Environment env, ServiceKeyProperties key) {
        if (Arrays.asList(env.getActiveProfiles()).contains("prod") && (key.isDefault() || key.serviceKey().isBlank())) {
            throw new IllegalStateException("refusing to start in the prod profile with the default skirmish.service-key: set SKIRMISH_SERVICE_KEY");
        }
    }
}
