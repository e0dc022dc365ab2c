package dev.skirmish.protocol.client;

/** The client could not connect (refused, timed out, token expired) or lost its connection. */
public class GameClientException extends RuntimeException {
    public GameClientException(String message) {
        super(message);
    }

    public GameClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
