package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.web.LobbyException;
import org.springframework.http.HttpStatus;

/** A limit refused the request: {@code 429} with a {@code Retry-After} of {@link #retryAfterSeconds()}. */
public class TooManyRequests extends LobbyException {
    private final long retryAfterSeconds;

    public TooManyRequests(String code, String message, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, code, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() { return retryAfterSeconds; }
}
