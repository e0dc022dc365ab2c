package dev.skirmish.lobby.ws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.messaging.simp.stomp.StompConversionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

/**
 * A frame refused by {@link StompGuard} is logged once as a WARN line ({@link StompRefusals}). Spring's STOMP handler
 * then logs the same refused SEND again as an ERROR ("Failed to send message to MessageChannel in session …"), which
 * would page an operator for a misbehaving client. This drops exactly that line: the refusal is noted on the thread
 * that handles the frame (authorization runs on the caller's thread), and only the handler's next such line on that
 * thread is denied. A frame that cannot be decoded (over the 16 KiB limit, malformed) is logged by Spring as an ERROR
 * with a stack trace; that becomes one WARN line too. Every other line of that logger passes.
 */
public final class StompRefusalLogFilter extends TurboFilter {
    private static final String HANDLER_LOGGER = StompSubProtocolHandler.class.getName();
    private static final ThreadLocal<String> LAST_REFUSAL = new ThreadLocal<>();
    private static final StompRefusalLogFilter INSTANCE = new StompRefusalLogFilter();
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(StompGuard.class);
    private static final Pattern SESSION = Pattern.compile(" in session ([^ .]+)");
    private static final String REFUSED_SEND_LINE = "Failed to send message to MessageChannel in session ";

    private StompRefusalLogFilter() {
        start();
    }

    /**
     * Installs the filter unless it is in place. Called at startup and on every CONNECT and refusal, because a
     * logging re-initialisation (another application context in the same JVM, as in tests) removes turbo filters.
     */
    static void ensureInstalled() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx && !ctx.getTurboFilterList().contains(INSTANCE)) {
            synchronized (INSTANCE) {
                if (!ctx.getTurboFilterList().contains(INSTANCE)) ctx.addTurboFilter(INSTANCE);
            }
        }
    }

    /** Notes a refusal on this thread: Spring's line about this very refusal is then dropped. */
    static void refused(String why) {
        // the handler's line no longer quotes the reason (Spring Security's exception says only "Access Denied"),
        // so the mark is only that a refusal happened on this thread
        ensureInstalled();
        LAST_REFUSAL.set(why);
    }

    /** The handler has logged (or, for CONNECT and SUBSCRIBE, skipped) its line: the mark must not outlive it. */
    static void handled() {
        LAST_REFUSAL.remove();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || !HANDLER_LOGGER.equals(logger.getName())) return FilterReply.NEUTRAL;
        if (t instanceof StompConversionException && format.startsWith("Failed to parse")) {
            // an oversized or malformed frame: the client gets an ERROR frame; one line here instead of a stack trace
            Matcher m = SESSION.matcher(format);
            log.warn("STOMP frame refused (session {}): {}", m.find() ? m.group(1) : "?", t.getMessage());
            return FilterReply.DENY;
        }
        if (LAST_REFUSAL.get() == null || !format.startsWith(REFUSED_SEND_LINE)) return FilterReply.NEUTRAL;
        LAST_REFUSAL.remove();
        return FilterReply.DENY;
    }
}
