package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.LobbyProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signed player tokens: {@code <playerId>.<name>.<expiresEpochSeconds>.<base64url HMAC-SHA256>}.
 * Player ids are UUIDs and names are {@code [A-Za-z0-9_-]}, so the dot never appears inside a field.
 */
@Component
public class TokenService {
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_TOKEN_LENGTH = 256;

    private final SecretKeySpec key;
    private final LobbyProperties props;
    private final Clock clock;

    public TokenService(LobbyProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
        byte[] secret;
        if (props.tokenSecret() == null || props.tokenSecret().isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.warn("skirmish.lobby.token-secret is not set: using a random secret, player tokens will not survive a restart");
        } else {
            secret = props.tokenSecret().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String issue(String playerId, String name) {
        long exp = clock.instant().plus(props.tokenTtl()).getEpochSecond();
        String body = playerId + "." + name + "." + exp;
        return body + "." + B64.encodeToString(mac(body));
    }

    /** A token with a good signature that has not expired. */
    public Optional<PlayerToken> verify(String token) {
        return parse(token).filter(t -> t.expiresAt().isAfter(clock.instant()));
    }

    /** A token with a good signature, expired for less than the refresh grace. */
    public Optional<PlayerToken> verifyForRefresh(String token) {
        return parse(token).filter(t -> t.expiresAt().plus(props.refreshGrace()).isAfter(clock.instant()));
    }

    public Instant expiryOf(String token) {
        return parse(token).map(PlayerToken::expiresAt).orElseThrow();
    }

    private Optional<PlayerToken> parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        byte[] expected = mac(body);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, given)) return Optional.empty();
        try {
            return Optional.of(new PlayerToken(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Extracts the token from an {@code Authorization: Bearer ...} header value. */
    public static Optional<String> bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String t = header.substring(7).trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
}
