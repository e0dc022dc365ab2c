package dev.skirmish.protocol.token;

import java.time.Instant;

/** The sealed part of a connect token, as the server sees it after opening it with the session key. */
public record PrivateConnectToken(
        String sessionId,
        String playerId,
        String playerName,
        Instant expiresAt,
        byte[] clientToServerKey,
        byte[] serverToClientKey) {

    @Override
    public String toString() {
        return "PrivateConnectToken[session=" + sessionId + ", player=" + playerId + "/" + playerName
                + ", expiresAt=" + expiresAt + "]";
    }
}
