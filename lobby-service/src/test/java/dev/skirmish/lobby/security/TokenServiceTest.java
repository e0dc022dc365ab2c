package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.LobbyProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenServiceTest {
    private static LobbyProperties props(String secret) {
        return new LobbyProperties(URI.create("http://127.0.0.1:8081"), Duration.ofSeconds(30), secret, Duration.ofHours(1),
                Duration.ofMinutes(15), Duration.ofMinutes(2), Duration.ofSeconds(300), Duration.ofSeconds(5), Duration.ofSeconds(30),
                5, 10, 10_000, 500, 8, 180, 30, 3600, 100, Duration.ofSeconds(15), Duration.ofSeconds(10),
                org.springframework.util.unit.DataSize.ofKilobytes(512));
    }

    private static final AuthProperties AUTH = new AuthProperties(Duration.ofHours(24), Duration.ofSeconds(15));

    private static TokenService at(Instant now, String secret) {
        return new TokenService(props(secret), AUTH, Clock.fixed(now, ZoneOffset.UTC), RevokedPlayers.NONE);
    }

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aTokenVerifiesUntilItExpires() {
        String token = at(t0, "s3cret").issue("p-1", "alice");
        assertThat(at(t0.plusSeconds(3599), "s3cret").verify(token)).contains(new PlayerToken("p-1", "alice", t0.plusSeconds(3600), t0));
        assertThat(at(t0.plusSeconds(3600), "s3cret").verify(token)).isEmpty();
    }

    @Test
    void refreshWorksWithinTheGraceOnly() {
        String token = at(t0, "s3cret").issue("p-1", "alice");
        assertThat(at(t0.plusSeconds(3600 + 14 * 60), "s3cret").verifyForRefresh(token)).isPresent();
        assertThat(at(t0.plusSeconds(3600 + 15 * 60), "s3cret").verifyForRefresh(token)).isEmpty();
    }

    /** Attack: a stolen token refreshed every hour forever. Refreshes keep the sign-in time, and it runs out. */
    @Test
    void refreshingForeverStopsAtTheAbsoluteLifetime() {
        Instant now = t0;
        String token = at(now, "s3cret").issue("p-1", "alice");
        for (int i = 0; i < 30; i++) {
            now = now.plus(Duration.ofMinutes(50));
            var verified = at(now, "s3cret").verifyForRefresh(token);
            if (verified.isEmpty()) break;
            token = at(now, "s3cret").issue("p-1", "alice", verified.get().signedInAt());
            assertThat(at(now, "s3cret").expiryOf(token)).isBeforeOrEqualTo(t0.plus(Duration.ofHours(24)));
        }
        assertThat(now).isBefore(t0.plus(Duration.ofHours(26)));
        assertThat(at(t0.plus(Duration.ofHours(24)), "s3cret").verify(token)).isEmpty();
        assertThat(at(t0.plus(Duration.ofHours(24)), "s3cret").verifyForRefresh(token)).as("no refresh past the sign-in's lifetime").isEmpty();
    }

    @Test
    void aSignedOutPlayersTokensAreRefused() {
        String token = at(t0, "s3cret").issue("p-1", "alice");
        var revoking = new TokenService(props("s3cret"), AUTH, Clock.fixed(t0, ZoneOffset.UTC), Set.of("p-1")::contains);
        assertThat(revoking.verify(token)).isEmpty();
        assertThat(revoking.verifyForRefresh(token)).isEmpty();
        assertThat(at(t0, "s3cret").verify(token)).isPresent();
    }

    @Test
    void tokensOfTheOlderFourFieldFormStillVerify() throws Exception {
        // what the lobby issued before tokens carried the sign-in time: <id>.<name>.<exp>.<mac>
        String body = "p-1.alice." + t0.plusSeconds(3600).getEpochSecond();
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(), "HmacSHA256"));
        String old = body + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes()));
        assertThat(at(t0.plusSeconds(60), "s3cret").verify(old)).contains(new PlayerToken("p-1", "alice", t0.plusSeconds(3600), t0));
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

    /**
     * Attack: a player forges an operator token. A guest picks the id-like name "adm", and the older four-field player
     * token {@code adm.<name>.<exp>.<mac>} has exactly the operator token's shape; the operator MAC covers its own
     * domain prefix, so no player token (of any form) verifies as an operator's, nor an operator's as a player's.
     */
    @Test
    void playerAndOperatorTokensNeverVerifyAsEachOther() throws Exception {
        var tokens = at(t0, "s3cret");
        String body = "adm.root." + t0.plusSeconds(3600).getEpochSecond();
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String legacyPlayerToken = body + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(tokens.verify(legacyPlayerToken)).as("it is a valid player token").isPresent();
        assertThat(tokens.verifyAdmin(legacyPlayerToken)).as("but no operator token").isEmpty();

        var admin = tokens.issueAdmin("root");
        assertThat(tokens.verifyAdmin(admin.token())).contains("root");
        assertThat(tokens.verify(admin.token())).isEmpty();
        assertThat(at(t0, "other").verifyAdmin(admin.token())).isEmpty();
        assertThat(at(t0.plusSeconds(3600), "s3cret").verifyAdmin(admin.token())).as("expired").isEmpty();
    }
    /** The MAC is HMAC-SHA256 of the token's body under the secret, whichever copy of the keyed MAC computed it. */
    @Test
    void theSignatureIsTheBodysHmacUnderTheSecret() throws Exception {
        var tokens = at(t0, "s3cret");
        for (int i = 0; i < 3; i++) {
            String token = tokens.issue("p-" + i, "alice");
            String body = token.substring(0, token.lastIndexOf('.'));
            var reference = javax.crypto.Mac.getInstance("HmacSHA256");
            reference.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(reference.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(token.substring(token.lastIndexOf('.') + 1)).isEqualTo(expected);
        }
    }

    /**
     * Checks on many threads at once (every request thread checks tokens) never mix their MAC computations: each good
     * token verifies and each forged one is refused. A MAC shared by the threads instead of copied fails this.
     */
    @Test
    void concurrentChecksStayIndependent() throws Exception {
        var tokens = at(t0, "s3cret");
        var forger = at(t0, "other");
        int threads = 8, rounds = 4_000;
        var wrong = new java.util.concurrent.atomic.AtomicInteger();
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        String good = tokens.issue("p-" + id + "-" + i, "n" + i);
                        String forged = forger.issue("p-" + id + "-" + i, "n" + i);
                        try {
                            if (tokens.verify(good).isEmpty() || tokens.verify(forged).isPresent()) wrong.incrementAndGet();
                        } catch (RuntimeException mixedState) {
                            wrong.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(wrong.get()).isZero();
    }
}
