package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one match's {@link ServerEndpoint}.
 *
 * @param sessionId          tokens for other sessions are refused
 * @param sessionKey         32-byte key the connect tokens were sealed with
 * @param allowedPlayerNames the match's {@code --players}; their order gives the player indexes
 * @param timeout            silence after which a player is disconnected (default 10 s)
 * @param keepAliveInterval  a KEEP_ALIVE goes out when nothing else was sent for this long (default 250 ms)
 * @param challengeLifetime  how long a CHALLENGE may be answered (default 10 s)
 */
public record ServerConfig(String sessionId, byte[] sessionKey, List<String> allowedPlayerNames,
                           Duration timeout, Duration keepAliveInterval, Duration challengeLifetime) {
    public ServerConfig {
        Objects.requireNonNull(sessionId, "sessionId");
        if (sessionKey == null || sessionKey.length != Protocol.KEY_BYTES) {
            throw new IllegalArgumentException("session key must be " + Protocol.KEY_BYTES + " bytes");
        }
        allowedPlayerNames = List.copyOf(allowedPlayerNames);
        if (allowedPlayerNames.size() > 0xFFFF) {
            throw new IllegalArgumentException("too many players");
        }
        sessionKey = sessionKey.clone();
    }

    public ServerConfig(String sessionId, byte[] sessionKey, List<String> allowedPlayerNames) {
        this(sessionId, sessionKey, allowedPlayerNames, Protocol.CONNECTION_TIMEOUT, Protocol.KEEP_ALIVE_INTERVAL,
                Duration.ofSeconds(10));
    }

    /** Admitting players from a warm server's allocation happens by building a new config with the names. */
    public ServerConfig withPlayers(List<String> names) {
        return new ServerConfig(sessionId, sessionKey, names, timeout, keepAliveInterval, challengeLifetime);
    }
}
