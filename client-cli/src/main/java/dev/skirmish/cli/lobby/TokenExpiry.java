package dev.skirmish.cli.lobby;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;

/**
 * When a player token expires, on this machine's monotonic clock: the lobby's {@code expiresAt} minus the lobby's own
 * "now" (its {@code Date} header), so a local clock that is off does not make the client refresh too late.
 *
 * @param token         the token it belongs to
 * @param expiresAt     the lobby's expiry (its clock)
 * @param deadlineNanos {@link System#nanoTime()} at which it expires here
 * @param lifetimeNanos how long it had left when the lobby answered
 */
record TokenExpiry(String token, Instant expiresAt, long deadlineNanos, long lifetimeNanos) {

    /** From an answer with {@code expiresAt} (guest, refresh: the answer's token; me: the request's); else null. */
    static TokenExpiry of(HttpRequest req, HttpResponse<String> res, JsonNode body) {
        String expiresAt = LobbyClient.text(body, "expiresAt");
        if (expiresAt == null) {
            return null;
        }
        String bearer = req.headers().firstValue("Authorization").map(h -> h.substring("Bearer ".length())).orElse(null);
        String owner = body.hasNonNull("token") ? body.get("token").asString() : bearer;
        if (owner == null) {
            return null;
        }
        try {
            Instant exp = Instant.parse(expiresAt);
            Instant serverNow = res.headers().firstValue("Date")
                    .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                    .orElseGet(Instant::now);
            long life = Math.max(0, Duration.between(serverNow, exp).toNanos());
            return new TokenExpiry(owner, exp, System.nanoTime() + life, life);
        } catch (RuntimeException e) {
            return null; // unreadable: keepFresh asks again later, and a 401 still refreshes
        }
    }
}
