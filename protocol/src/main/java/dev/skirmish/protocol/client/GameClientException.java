package dev.skirmish.protocol.client;

/** The client could not connect (refused, timed out, token expired) or lost its connection. */
public class GameClientException extends RuntimeException {
    private final transient Object reason;

    public GameClientException(String message) {
        this(message, (Object) null);
    }

    public GameClientException(String message, Throwable cause) {
        super(message, cause);
        this.reason = null;
    }

    /** {@code reason}: the server's Denied.Reason or Disconnect.Reason behind the failure, or null. */
    public GameClientException(String message, Object reason) {
        super(message);
        this.reason = reason;
    }

    /** The server's Denied.Reason or Disconnect.Reason when the server refused or dropped us, else null. */
    public Object reason() {
        return reason;
    }
}
