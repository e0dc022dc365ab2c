package dev.skirmish.cli.stomp;

public class StompException extends RuntimeException {
    public StompException(String message) {
        super(message);
    }
}
