package dev.skirmish.orchestrator.logging;

import org.slf4j.MDC;

/**
 * Puts a session's id into the logging context so that every line about a match carries it (the log pattern
 * prints {@code session=<id>}), whichever thread logs it: request threads, the watcher, process-exit callbacks.
 */
public final class SessionMdc {
    public static final String KEY = "sessionId";

    private SessionMdc() {
    }

    /** Sets the id until the returned scope is closed, then restores what the thread had before. */
    public static Scope open(String sessionId) {
        String previous = MDC.get(KEY);
        if (sessionId == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, sessionId);
        }
        return () -> {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        };
    }

    public static void run(String sessionId, Runnable action) {
        try (Scope ignored = open(sessionId)) {
            action.run();
        }
    }

    /** A scope that closes without checked exceptions. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
