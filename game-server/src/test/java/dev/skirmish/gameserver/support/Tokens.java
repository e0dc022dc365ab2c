package dev.skirmish.gameserver.support;

import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Base64;

/** A session key and connect tokens as the orchestrator makes them. */
public final class Tokens {
    public final byte[] key = ConnectTokens.newSessionKey();
    public final String sessionId;

    public Tokens(String sessionId) {
        this.sessionId = sessionId;
    }

    public String base64Key() {
        return Base64.getEncoder().encodeToString(key);
    }

    public String token(String name, int port) {
        return ConnectTokens.issue(key, sessionId, "id-" + name, name, new InetSocketAddress("127.0.0.1", port),
                Instant.now().plusSeconds(600));
    }
}
