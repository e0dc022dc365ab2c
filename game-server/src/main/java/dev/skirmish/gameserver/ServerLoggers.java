package dev.skirmish.gameserver;

import java.io.PrintStream;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * {@link LogSetup}'s loggers: one per class name (a fixed set in this server: the map grows only with the code's own
 * logger names, never with input). A line is built in one string and written with one call, so lines of different
 * threads never interleave.
 */
final class ServerLoggers implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final int rootLevel;
    private final MDCAdapter mdc;

    ServerLoggers(int rootLevel, MDCAdapter mdc) {
        this.rootLevel = rootLevel;
        this.mdc = mdc;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, this::create);
    }

    private Logger create(String name) {
        // Netty's own chatter (DEBUG on start-up) is not the server's: WARN and up, as with Logback before
        int threshold = name.startsWith("io.netty") ? Math.max(rootLevel, Level.WARN.toInt()) : rootLevel;
        return new ServerLogger(name, threshold, mdc);
    }

    static final class ServerLogger extends LegacyAbstractLogger {
        private final transient int threshold;
        private final transient String shortName;
        private final transient MDCAdapter mdc;

        ServerLogger(String name, int threshold, MDCAdapter mdc) {
            this.name = name;
            this.threshold = threshold;
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
            this.mdc = mdc;
        }

        @Override
        public boolean isTraceEnabled() {
            return threshold <= Level.TRACE.toInt();
        }

        @Override
        public boolean isDebugEnabled() {
            return threshold <= Level.DEBUG.toInt();
        }

        @Override
        public boolean isInfoEnabled() {
            return threshold <= Level.INFO.toInt();
        }

        @Override
        public boolean isWarnEnabled() {
            return threshold <= Level.WARN.toInt();
        }

        @Override
        public boolean isErrorEnabled() {
            return threshold <= Level.ERROR.toInt();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
            String message = MessageFormatter.basicArrayFormat(pattern, args);
            String session = mdc.get("sessionId");
            if (session == null) {
                session = System.getProperty("SKIRMISH_SESSION_ID", "?").replaceAll("[^A-Za-z0-9_.-]", "_");
            }
            String trace = mdc.get("traceId");
            if (trace == null) {
                trace = LogSetup.traceId();
            }
            StringBuilder line = new StringBuilder(96 + message.length());
            clock(line, System.currentTimeMillis());
            String lvl = level.toString();
            line.append(' ').append(lvl).append("     ", 0, 5 - lvl.length())
                    .append(" [").append(Thread.currentThread().getName()).append("] session=").append(session);
            if (trace != null) {
                line.append(" trace=").append(trace);
            }
            line.append(' ').append(shortName).append(" - ").append(message).append(System.lineSeparator());
            PrintStream err = System.err;
            synchronized (err) {
                err.print(line);
                if (thrown != null) {
                    thrown.printStackTrace(err);
                }
                err.flush();
            }
        }

        /** HH:mm:ss.SSS in the JVM's time zone, without java.time (~60 classes more for a server's few lines). */
        private static void clock(StringBuilder out, long epochMillis) {
            long local = epochMillis + TimeZone.getDefault().getOffset(epochMillis);
            long ofDay = Math.floorMod(local, 86_400_000L);
            two(out, ofDay / 3_600_000).append(':');
            two(out, ofDay / 60_000 % 60).append(':');
            two(out, ofDay / 1000 % 60).append('.');
            long ms = ofDay % 1000;
            out.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms);
        }

        private static StringBuilder two(StringBuilder out, long v) {
            return out.append(v < 10 ? "0" : "").append(v);
        }
    }
}
