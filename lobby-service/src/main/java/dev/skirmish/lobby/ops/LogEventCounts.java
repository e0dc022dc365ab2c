package dev.skirmish.lobby.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.skirmish.lobby.config.ReinstallOnLoggingReset;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code logback.events{level}}: the log lines written, by level, as Micrometer's {@code LogbackMetrics} counted them,
 * but from an appender on the root logger instead of Micrometer's turbo filter (its auto-configuration is excluded in
 * {@code LobbyApplication}). Logback asks every turbo filter at every level check of every logger, written or not
 * (the {@code isDebugEnabled} checks all over Jetty and Spring on each request and frame: issue 19, join20); an
 * appender is called only for the lines that are written. Lines a filter drops on the way (the STOMP handler's
 * duplicate of a refusal, {@code ws.StompRefusalLogFilter}) are not counted: they are not in the log.
 */
@Component
public class LogEventCounts implements DisposableBean {
    static final String NAME = "skirmish-log-event-counts";
    private final LoggerContext context;
    private final ReinstallOnLoggingReset listener = new ReinstallOnLoggingReset(NAME, this::install);
    private final Counter error, warn, info, debug, trace;
    private UnsynchronizedAppenderBase<ILoggingEvent> appender;

    public LogEventCounts(MeterRegistry meters) {
        this.error = counter(meters, "error");
        this.warn = counter(meters, "warn");
        this.info = counter(meters, "info");
        this.debug = counter(meters, "debug");
        this.trace = counter(meters, "trace");
        this.context = LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx ? ctx : null;
        if (context != null) {
            context.addListener(listener);
            install(context);
        }
    }

    private static Counter counter(MeterRegistry meters, String level) {
        return Counter.builder("logback.events").tag("level", level).baseUnit("events")
                .description("Number of log events that were written, by level").register(meters);
    }

    /** An appender of this bean's own (each application context counts into its own registry, as Micrometer's did). */
    private synchronized void install(LoggerContext ctx) {
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        if (appender != null && root.isAttached(appender)) return;
        appender = new UnsynchronizedAppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                counterOf(event.getLevel()).increment();
            }
        };
        appender.setContext(ctx);
        appender.setName(NAME);
        appender.start();
        root.addAppender(appender);
    }

    private Counter counterOf(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> error;
            case Level.WARN_INT -> warn;
            case Level.INFO_INT -> info;
            case Level.DEBUG_INT -> debug;
            default -> trace;
        };
    }

    @Override
    public synchronized void destroy() {
        if (context == null) return;
        context.removeListener(listener);
        if (appender != null) context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }
}
