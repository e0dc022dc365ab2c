package dev.skirmish.lobby.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Player tokens signed with the test profile's secret, with whatever expiry a test needs. */
public final class TestTokens {
    public static final String SECRET = "test-token-secret-0123456789abcdef";

    private TestTokens() {
    }

    public static String token(String playerId, String name, Instant expiresAt, Instant signedInAt) {
        String body = playerId + "." + name + "." + expiresAt.getEpochSecond() + "." + signedInAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
