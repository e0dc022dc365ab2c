package dev.skirmish.lobby.web;

import org.springframework.http.HttpStatus;

/** A refused request: HTTP status, a stable machine-readable code and a message meant for the player. */
public class LobbyException extends RuntimeException {
    private final HttpStatus status;
    private final String code;

    public LobbyException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() { return status; }

    public String code() { return code; }

    public static LobbyException notFound(String code, String message) { return new LobbyException(HttpStatus.NOT_FOUND, code, message); }

    public static LobbyException conflict(String code, String message) { return new LobbyException(HttpStatus.CONFLICT, code, message); }

    public static LobbyException forbidden(String code, String message) { return new LobbyException(HttpStatus.FORBIDDEN, code, message); }

    public static LobbyException badRequest(String code, String message) { return new LobbyException(HttpStatus.BAD_REQUEST, code, message); }

    public static LobbyException unauthorized(String message) { return new LobbyException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", message); }
}
