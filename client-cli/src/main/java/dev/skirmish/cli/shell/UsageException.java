package dev.skirmish.cli.shell;

/** Bad use that picocli cannot see (for example: not logged in, no current room). */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
