package dev.skirmish.gameserver;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging configured in code, found by Logback through {@code META-INF/services}: an XML file would cost every
 * cold start of a game server ~650 classes (Logback's Joran and the JDK's XML parser) for four settings.
 * Lines go to stderr (stdout carries the READY / RESULT lines of the launch contract) and carry the session id:
 * from the MDC, else from the {@code SKIRMISH_SESSION_ID} property that {@link GameServerMain} sets first.
 * A match started with a trace ({@code SKIRMISH_TRACEPARENT}, docs/observability.md) adds {@code trace=<trace id>}
 * the same way (MDC {@code traceId}, else the {@link #TRACE_ID_PROPERTY} property, already validated).
 * The root level comes from the environment variable {@code SKIRMISH_LOG_LEVEL} (default INFO).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements ch.qos.logback.classic.spi.Configurator {
    /** Set by {@link GameServerMain} before the first log line: the trace id of the match start, 32 hex digits. */
    public static final String TRACE_ID_PROPERTY = "SKIRMISH_TRACE_ID";

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        String session = System.getProperty("SKIRMISH_SESSION_ID", "?").replaceAll("[^A-Za-z0-9_.-]", "_");
        String traceId = System.getProperty(TRACE_ID_PROPERTY, "").replaceAll("[^0-9a-f]", "");
        String trace = traceId.isEmpty() ? "" : " trace=%X{traceId:-" + traceId + "}";
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] session=%X{sessionId:-" + session
                + "}" + trace + " %logger{0} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> err = new ConsoleAppender<>();
        err.setContext(ctx);
        err.setName("ERR");
        err.setTarget("System.err");
        err.setEncoder(encoder);
        err.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("SKIRMISH_LOG_LEVEL"), Level.INFO));
        root.addAppender(err);
        ctx.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
