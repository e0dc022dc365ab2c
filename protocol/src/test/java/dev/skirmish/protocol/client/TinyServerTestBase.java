package dev.skirmish.protocol.client;

import dev.skirmish.protocol.token.ConnectTokens;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link TinyServer} for alice and bob on a loopback port per test, under a new session key, and connect
 * tokens for it: the set-up the client tests share.
 */
abstract class TinyServerTestBase {
    final String sessionId;
    final byte[] key = ConnectTokens.newSessionKey();
    TinyServer server;

    TinyServerTestBase(String sessionId) {
        this.sessionId = sessionId;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new TinyServer(sessionId, key, List.of("alice", "bob"));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** A token for {@code name} in {@code session}, sealed with {@code sealKey}, naming this test's server. */
    String token(String session, String name, byte[] sealKey) throws Exception {
        return ConnectTokens.issue(sealKey, session, "id-" + name, name, server.address(),
                Instant.now().plusSeconds(60));
    }
}
