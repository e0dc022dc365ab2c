package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.LobbyProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenServiceTest {
    private static LobbyProperties props(String secret) {
        return new LobbyProperties(URI.create("http://127.0.0.1:8081"), Duration.ofSeconds(30), secret, Duration.ofHours(1),
                Duration.ofMinutes(15), Duration.ofMinutes(2), Duration.ofSeconds(300), Duration.ofSeconds(5), Duration.ofSeconds(30),
                5, 10, 10_000, 500, 8, 180, 30, 3600, 100, Duration.ofSeconds(15), Duration.ofSeconds(10),
                org.springframework.util.unit.DataSize.ofKilobytes(512));
    }

    private static TokenService at(Instant now, String secret) {
        return new TokenService(props(secret), Clock.fixed(now, ZoneOffset.UTC));
    }

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aTokenVerifiesUntilItExpires() {
        String token = at(t0, "s3cret").issue("p-1", "alice");
        assertThat(at(t0.plusSeconds(3599), "s3cret").verify(token)).contains(new PlayerToken("p-1", "alice", t0.plusSeconds(3600)));
        assertThat(at(t0.plusSeconds(3600), "s3cret").verify(token)).isEmpty();
    }

    @Test
    void refreshWorksWithinTheGraceOnly() {
        String token = at(t0, "s3cret").issue("p-1", "alice");
        assertThat(at(t0.plusSeconds(3600 + 14 * 60), "s3cret").verifyForRefresh(token)).isPresent();
        assertThat(at(t0.plusSeconds(3600 + 15 * 60), "s3cret").verifyForRefresh(token)).isEmpty();
    }

    @Test
    void tamperedOrForeignTokensAreRefused() {
        String token = at(t0, "s3cret").issue("p-1", "alice");
        var verifier = at(t0, "s3cret");
        assertThat(verifier.verify(token.replace("alice", "admin"))).isEmpty();
        assertThat(verifier.verify(token.replace(".alice.", ".alice.9"))).isEmpty();
        assertThat(at(t0, "other").verify(token)).isEmpty();
        assertThat(verifier.verify("garbage")).isEmpty();
        assertThat(verifier.verify("a.b.c.!!!")).isEmpty();
        assertThat(verifier.verify(null)).isEmpty();
    }

    @Test
    void bearerHeaderParsing() {
        assertThat(TokenService.bearer("Bearer abc")).contains("abc");
        assertThat(TokenService.bearer("bearer abc")).contains("abc");
        assertThat(TokenService.bearer("Basic abc")).isEmpty();
        assertThat(TokenService.bearer("Bearer ")).isEmpty();
        assertThat(TokenService.bearer(null)).isEmpty();
    }
}
