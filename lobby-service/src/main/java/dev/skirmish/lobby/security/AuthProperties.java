package dev.skirmish.lobby.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Player-token lifetime settings, prefix {@code skirmish.lobby} (beside {@code token-secret}, {@code token-ttl} and
 * {@code refresh-grace} in {@link dev.skirmish.lobby.config.LobbyProperties}).
 *
 * @param tokenMaxAge        absolute lifetime of a sign-in: no refresh extends a token past its sign-in time plus
 *                           this, so a stolen token dies at the latest then (default 24h)
 * @param tokenSweepInterval how often open STOMP connections are checked for an expired or revoked token; such a
 *                           connection gets an ERROR frame and is closed, also when it sends nothing (default 15s)
 */
@ConfigurationProperties("skirmish.lobby")
public record AuthProperties(
        @DefaultValue("24h") Duration tokenMaxAge,
        @DefaultValue("15s") Duration tokenSweepInterval) {
}
