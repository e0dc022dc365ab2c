package dev.skirmish.lobby.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import java.util.function.Consumer;

/**
 * Puts one of the lobby's own appenders back after every reset of logback's context. A reset (Spring Boot
 * re-initialising logging when another application context starts in the same JVM, as in tests) detaches every
 * appender and restores every logger's additivity; this listener is reset-resistant, so it outlives the reset and
 * installs the appender again.
 *
 * @param name    the appender it stands for: {@link #register} adds at most one listener per name
 * @param install puts the appender on its logger, unless it is there
 */
public record ReinstallOnLoggingReset(String name, Consumer<LoggerContext> install) implements LoggerContextListener {

    /** Adds a listener for {@code name} to {@code context} unless one is there. */
    public static synchronized void register(LoggerContext context, String name, Consumer<LoggerContext> install) {
        boolean present = context.getCopyOfListenerList().stream()
                .anyMatch(l -> l instanceof ReinstallOnLoggingReset r && r.name.equals(name));
        if (!present) context.addListener(new ReinstallOnLoggingReset(name, install));
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onReset(LoggerContext context) {
        install.accept(context);
    }

    @Override
    public void onStart(LoggerContext context) {
    }

    @Override
    public void onStop(LoggerContext context) {
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
    }
}
