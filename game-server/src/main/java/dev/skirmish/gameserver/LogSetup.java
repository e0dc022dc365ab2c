package dev.skirmish.gameserver;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The server's SLF4J provider, found through {@code META-INF/services}: Logback cost every game server ~320 classes
 * in its AOT cache (Logback, its pattern machinery and java.time for the timestamps), mapped and partly private in
 * each process, for four settings (docs/benchmarks.md, "game-server memory"). slf4j-simple has no MDC, which the
 * match hosts need for a line's session. Lines keep Logback's former layout and go to stderr (stdout carries the
 * READY / RESULT lines of the launch contract):
 * {@code HH:mm:ss.SSS LEVEL [thread] session=<id>[ trace=<id>] Logger - message}. The session comes from the MDC,
 * else from the {@code SKIRMISH_SESSION_ID} property that {@link GameServerMain} sets first; a match started with a
 * trace ({@code SKIRMISH_TRACEPARENT}, docs/observability.md) adds {@code trace=<trace id>} (MDC {@code traceId},
 * else the id {@link #traceId(String)} set, on any thread: the main thread may log before the trace is known).
 * The level comes from the environment variable {@code SKIRMISH_LOG_LEVEL} (default INFO); Netty logs WARN and up.
 */
public final class LogSetup implements SLF4JServiceProvider {
    private static volatile String traceId;

    private ServerLoggers loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** The match start's trace id (32 lower-case hex digits, already validated) for every line from now on. */
    public static void traceId(String id) {
        traceId = id;
    }

    static String traceId() {
        return traceId;
    }

    @Override
    public void initialize() {
        mdc = new ThreadMdc();
        markers = new BasicMarkerFactory();
        loggers = new ServerLoggers(level(System.getenv("SKIRMISH_LOG_LEVEL")), mdc);
    }

    /** Logback's reading of a level name: case-insensitive, anything else is INFO; OFF silences, ALL is TRACE. */
    static int level(String name) {
        if (name == null) {
            return Level.INFO.toInt();
        }
        return switch (name.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "ALL", "TRACE" -> Level.TRACE.toInt();
            case "DEBUG" -> Level.DEBUG.toInt();
            case "WARN" -> Level.WARN.toInt();
            case "ERROR" -> Level.ERROR.toInt();
            case "OFF" -> Integer.MAX_VALUE;
            default -> Level.INFO.toInt();
        };
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
