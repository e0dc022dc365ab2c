package dev.skirmish.lobby.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key shared by lobby and orchestrator ({@code skirmish.service-key}, env {@code SKIRMISH_SERVICE_KEY}).
 *
 * @param serviceKey shared service key (default {@value #DEFAULT_KEY}, refused in the {@code prod} profile)
 */
@ConfigurationProperties("skirmish")
public record ServiceKeyProperties(@DefaultValue(DEFAULT_KEY) String serviceKey) {
    public static final String DEFAULT_KEY = "dev-service-key-change-me";

    public boolean isDefault() {
        return DEFAULT_KEY.equals(serviceKey);
    }
}
