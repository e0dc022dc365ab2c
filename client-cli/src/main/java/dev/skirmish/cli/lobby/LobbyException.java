package dev.skirmish.cli.lobby;

/** The lobby said no (a problem detail), or could not be reached: the CLI prints the message and exits with 1. */
public class LobbyException extends RuntimeException {
    private final int status;
    private final String code;

    public LobbyException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** HTTP status, or 0 when the lobby could not be reached. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
