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
 * Signed player tokens: {@code <playerId>.<name>.<expiresEpochSeconds>.<signedInEpochSeconds>.<base64url HMAC-SHA256>}.
 * Player ids are UUIDs and names are {@code [A-Za-z0-9_-]}, so the dot never appears inside a field. A token never
 * outlives its sign-in time plus {@code token-max-age}, and a signed-out player's tokens are refused.
 * <p>
 * Tokens of the older four-field form ({@code <playerId>.<name>.<expires>.<mac>}, issued before sign-in times were
 * signed) still verify; their sign-in time is taken as expiry minus {@code token-ttl}, i.e. their issue time, so
 * they too reach the absolute limit.
 */
@Component
public class TokenService {
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_TOKEN_LENGTH = 256;
    private static final String ADMIN_PREFIX = "adm";
    private static final String ADMIN_DOMAIN = "skirmish-admin-token\n";

    private final SecretKeySpec key;
    /** Keyed once; {@link #mac} uses copies of it. */
    private final Mac keyed;
    private final LobbyProperties props;
    private final AuthProperties auth;
    private final Clock clock;
    private final RevokedPlayers revoked;

    public TokenService(LobbyProperties props, AuthProperties auth, Clock clock, RevokedPlayers revoked) {
        this.props = props;
        this.auth = auth;
        this.clock = clock;
        this.revoked = revoked;
        byte[] secret;
        if (props.tokenSecret() == null || props.tokenSecret().isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.warn("skirmish.lobby.token-secret is not set: using a random secret, player tokens will not survive a restart");
        } else {
            secret = props.tokenSecret().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.keyed = newMac(key);
    }

    /** A token for a fresh sign-in. */
    public String issue(String playerId, String name) {
        return issue(playerId, name, clock.instant());
    }

    /** A token for a sign-in made at {@code signedInAt}: valid for the TTL, never past the sign-in's absolute limit. */
    public String issue(String playerId, String name, Instant signedInAt) {
        Instant exp = clock.instant().plus(props.tokenTtl());
        Instant limit = signedInAt.plus(auth.tokenMaxAge());
        if (exp.isAfter(limit)) exp = limit;
        String body = playerId + "." + name + "." + exp.getEpochSecond() + "." + signedInAt.getEpochSecond();
        return body + "." + B64.encodeToString(mac(body));
    }

    /** A token with a good signature that has not expired and whose player has not signed out. */
    public Optional<PlayerToken> verify(String token) {
        Instant now = clock.instant();
        return parse(token).filter(t -> t.expiresAt().isAfter(now) && isLive(t, now));
    }

    /** A token with a good signature, expired for less than the refresh grace, still inside its sign-in's lifetime. */
    public Optional<PlayerToken> verifyForRefresh(String token) {
        Instant now = clock.instant();
        return parse(token).filter(t -> t.expiresAt().plus(props.refreshGrace()).isAfter(now) && isLive(t, now));
    }

    /** Whether a token verified earlier (say, when a STOMP connection opened) would still be accepted now. */
    public boolean stillValid(PlayerToken t) {
        Instant now = clock.instant();
        return t.expiresAt().isAfter(now) && isLive(t, now);
    }

    public boolean isRevoked(PlayerToken t) {
        return revoked.isRevoked(t.playerId());
    }

    public Instant expiryOf(String token) {
        return parse(token).map(PlayerToken::expiresAt).orElseThrow();
    }

    private boolean isLive(PlayerToken t, Instant now) {
        return t.signedInAt().plus(auth.tokenMaxAge()).isAfter(now) && !revoked.isRevoked(t.playerId());
    }

    private Optional<PlayerToken> parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 && parts.length != 5) return Optional.empty();
        int macAt = parts.length - 1;
        String body = token.substring(0, token.lastIndexOf('.'));
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[macAt]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(body), given)) return Optional.empty();
        try {
            Instant exp = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            Instant signedIn = parts.length == 5 ? Instant.ofEpochSecond(Long.parseLong(parts[3])) : exp.minus(props.tokenTtl());
            return Optional.of(new PlayerToken(parts[0], parts[1], exp, signedIn));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * An operator token: {@code adm.<operator>.<expiresEpochSeconds>.<base64url HMAC-SHA256>}. Its MAC covers a
     * different domain prefix than a player token's, so neither kind of token ever verifies as the other.
     */
    public AdminToken issueAdmin(String operator) {
        Instant exp = clock.instant().plus(props.tokenTtl());
        String body = ADMIN_PREFIX + "." + operator + "." + exp.getEpochSecond();
        return new AdminToken(body + "." + B64.encodeToString(mac(ADMIN_DOMAIN + body)), Instant.ofEpochSecond(exp.getEpochSecond()));
    }

    public record AdminToken(String token, Instant expiresAt) {
    }

    /** The operator named by a good, unexpired operator token. */
    public Optional<String> verifyAdmin(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(ADMIN_PREFIX + ".")) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        String body = token.substring(0, token.lastIndexOf('.'));
        try {
            byte[] given = Base64.getUrlDecoder().decode(parts[3]);
            if (!MessageDigest.isEqual(mac(ADMIN_DOMAIN + body), given)) return Optional.empty();
            if (!Instant.ofEpochSecond(Long.parseLong(parts[2])).isAfter(clock.instant())) return Optional.empty();
            return Optional.of(parts[1]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Every token check computes the MAC afresh (nothing is cached per token), from a copy of a MAC that already
     * holds the key: a lookup of the provider and the key's two padding blocks per call were most of a check's cost
     * (issue 19: each REST call and STOMP CONNECT checks one). The prototype itself is never updated, so copies
     * taken on many threads at once are independent.
     */
    private byte[] mac(String body) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException notByThisProvider) {
            mac = newMac(key);
        }
        return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
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
