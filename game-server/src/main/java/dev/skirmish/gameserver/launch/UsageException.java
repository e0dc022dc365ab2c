package dev.skirmish.gameserver.launch;

/** Bad or missing launch arguments: the message is the one line printed before exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
