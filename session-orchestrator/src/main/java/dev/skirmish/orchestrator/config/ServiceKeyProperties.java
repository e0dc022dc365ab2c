package dev.skirmish.orchestrator.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key shared with the lobby (env {@code SKIRMISH_SERVICE_KEY}): it authenticates {@code /api/**} calls and
 * the events the orchestrator sends to the lobby.
 *
 * @param serviceKey bearer key; default {@code dev-service-key-change-me} (development only)
 */
@ConfigurationProperties("skirmish")
public record ServiceKeyProperties(String serviceKey) {
    public ServiceKeyProperties {
        if (serviceKey == null || serviceKey.isBlank()) {
            throw new IllegalArgumentException("skirmish.service-key must be set (env SKIRMISH_SERVICE_KEY)");
        }
    }
}
