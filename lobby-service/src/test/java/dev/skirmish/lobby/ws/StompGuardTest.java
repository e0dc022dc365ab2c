package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.security.AuthProperties;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.security.TokenService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-frame rule of the STOMP authorization: a connection whose token expired, or whose player signed out,
 * has its next frame refused with {@code TOKEN_EXPIRED} / {@code TOKEN_REVOKED} (the ERROR frame then closes it),
 * so a stolen token's connection does not outlive the token. The sweep that closes silent connections is
 * {@link ExpiredTokenConnectionTest}.
 */
class StompGuardTest {
    private static final Instant NOW = Instant.parse("2026-12-05T01:00:00Z");

    private static TokenService tokens(Set<String> signedOut) {
        var props = new LobbyProperties(URI.create("http://127.0.0.1:8081"), Duration.ofSeconds(30), "0123456789abcdef0123456789abcdef",
                Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofMinutes(2), Duration.ofSeconds(300), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 5, 10, 10_000, 500, 8, 180, 30, 3600, 100, Duration.ofSeconds(15), Duration.ofSeconds(10),
                org.springframework.util.unit.DataSize.ofKilobytes(512));
        return new TokenService(props, new AuthProperties(Duration.ofHours(24), Duration.ofSeconds(15)),
                Clock.fixed(NOW, java.time.ZoneOffset.UTC), signedOut::contains);
    }

    private static Message<byte[]> frame(StompCommand cmd, String dest, PlayerAuthentication user) {
        var acc = StompHeaderAccessor.create(cmd);
        acc.setSessionId("s1");
        if (dest != null) acc.setDestination(dest);
        if (user != null) acc.setUser(user);
        return MessageBuilder.createMessage(new byte[0], acc.getMessageHeaders());
    }

    private static AuthorizationResult decide(StompGuard guard, StompCommand cmd, String dest, PlayerAuthentication user) {
        Authentication auth = user;
        return guard.authorize(() -> auth, frame(cmd, dest, user));
    }

    private static String code(AuthorizationResult r) {
        return r instanceof StompGuard.Decision d ? d.code() : "GRANTED";
    }

    @Test
    void aFrameOfAConnectionWhoseTokenExpiredIsRefusedWithTokenExpired() {
        var guard = new StompGuard(tokens(Set.of()), null);
        var expired = new PlayerAuthentication(new PlayerToken("p-1", "alice", NOW.minusSeconds(1), NOW.minusSeconds(3600)));
        var good = new PlayerAuthentication(new PlayerToken("p-2", "bob", NOW.plusSeconds(60), NOW.minusSeconds(3500)));
        for (StompCommand cmd : new StompCommand[] {StompCommand.SEND, StompCommand.SUBSCRIBE, StompCommand.UNSUBSCRIBE}) {
            assertThat(code(decide(guard, cmd, "/app/lobby/chat", expired))).as(cmd.name()).isEqualTo("TOKEN_EXPIRED");
        }
        assertThat(((StompGuard.Decision) decide(guard, StompCommand.SEND, "/app/lobby/chat", expired)).reason()).contains("TOKEN_EXPIRED");
        assertThat(code(decide(guard, StompCommand.SEND, "/app/lobby/chat", good))).isEqualTo("GRANTED");
        assertThat(code(decide(guard, StompCommand.DISCONNECT, null, expired))).as("leaving is always allowed").isEqualTo("GRANTED");
    }

    @Test
    void aTokenPastItsSignInsAbsoluteLifetimeIsRefusedToo() {
        var guard = new StompGuard(tokens(Set.of()), null);
        var old = new PlayerAuthentication(new PlayerToken("p-1", "alice", NOW.plusSeconds(60), NOW.minus(Duration.ofHours(24))));
        assertThat(code(decide(guard, StompCommand.SEND, "/app/lobby/chat", old))).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void aFrameOfASignedOutPlayerIsRefusedWithTokenRevoked() {
        var guard = new StompGuard(tokens(Set.of("p-1")), null);
        var user = new PlayerAuthentication(new PlayerToken("p-1", "alice", NOW.plusSeconds(60), NOW.minusSeconds(60)));
        assertThat(code(decide(guard, StompCommand.SUBSCRIBE, "/topic/lobby/chat", user))).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void connectWithoutAVerifiedUserAndFramesBeforeConnectAreRefused() {
        var guard = new StompGuard(tokens(Set.of()), null);
        assertThat(code(decide(guard, StompCommand.CONNECT, null, null))).isEqualTo("UNAUTHORIZED");
        assertThat(code(decide(guard, StompCommand.SEND, "/app/lobby/chat", null))).isEqualTo("UNAUTHORIZED");
        assertThat(code(decide(guard, StompCommand.SUBSCRIBE, "/topic/rooms/x", null))).isEqualTo("UNAUTHORIZED");
    }
}
