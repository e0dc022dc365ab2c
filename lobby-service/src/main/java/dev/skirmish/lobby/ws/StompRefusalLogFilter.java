package dev.skirmish.lobby.ws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

/**
 * A frame refused by {@link StompGuard} is logged there as one WARN line. Spring's STOMP handler then logs the
 * same refused SEND again as an ERROR ("Failed to send message to MessageChannel in session …:<why>"), which would
 * page an operator for a misbehaving client. This drops exactly that line: the guard notes the refusal on the
 * thread that handles the frame (preSend runs on the caller's thread), and only a matching line on that thread
 * is denied. Every other line of that logger passes.
 */
public final class StompRefusalLogFilter extends TurboFilter {
    private static final String HANDLER_LOGGER = StompSubProtocolHandler.class.getName();
    private static final ThreadLocal<String> LAST_REFUSAL = new ThreadLocal<>();
    private static final StompRefusalLogFilter INSTANCE = new StompRefusalLogFilter();

    private StompRefusalLogFilter() {
        start();
    }

    /** Notes a refusal on this thread, installing the filter if needed (a logging re-initialisation removes turbo filters). */
    static void refused(String why) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx && !ctx.getTurboFilterList().contains(INSTANCE)) {
            synchronized (INSTANCE) {
                if (!ctx.getTurboFilterList().contains(INSTANCE)) ctx.addTurboFilter(INSTANCE);
            }
        }
        LAST_REFUSAL.set(why);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || !HANDLER_LOGGER.equals(logger.getName())) return FilterReply.NEUTRAL;
        String why = LAST_REFUSAL.get();
        if (why == null) return FilterReply.NEUTRAL;
        LAST_REFUSAL.remove();
        return format.endsWith(":" + why) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
