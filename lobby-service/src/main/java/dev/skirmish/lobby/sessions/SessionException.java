package dev.skirmish.lobby.sessions;

/** The orchestrator could not give us a session; the message is safe to show players. */
public class SessionException extends RuntimeException {
    public SessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
