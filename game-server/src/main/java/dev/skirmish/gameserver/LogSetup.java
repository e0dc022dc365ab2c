package dev.skirmish.gameserver;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging configured in code, found by Logback through {@code META-INF/services}: an XML file would cost every
 * cold start of a game server ~650 classes (Logback's Joran and the JDK's XML parser) for four settings.
 * Lines go to stderr (stdout carries the READY / RESULT lines of the launch contract) and carry the session id:
 * from the MDC, else from the {@code SKIRMISH_SESSION_ID} property that {@link GameServerMain} sets first.
 * A match started with a trace ({@code SKIRMISH_TRACEPARENT}, docs/observability.md) adds {@code trace=<trace id>}
 * to every line (MDC {@code traceId}, else the id {@link #traceId(String)} set, on any thread and whenever Logback
 * was configured: the main thread may log before the trace is known).
 * The root level comes from the environment variable {@code SKIRMISH_LOG_LEVEL} (default INFO).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements ch.qos.logback.classic.spi.Configurator {
    private static volatile String traceId;

    /** The match start's trace id (32 lower-case hex digits, already validated) for every line from now on. */
    public static void traceId(String id) {
        traceId = id;
    }

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        String session = System.getProperty("SKIRMISH_SESSION_ID", "?").replaceAll("[^A-Za-z0-9_.-]", "_");
        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        layout.getInstanceConverterMap().put("trace", TraceConverter::new);
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] session=%X{sessionId:-" + session
                + "}%trace %logger{0} - %msg%n");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
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

    /** {@code %trace}: " trace=<id>" when the match has a trace, nothing otherwise. */
    static final class TraceConverter extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            String id = event.getMDCPropertyMap().get("traceId");
            if (id == null) {
                id = traceId;
            }
            return id == null ? "" : " trace=" + id;
        }
    }
}
