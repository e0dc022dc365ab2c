package dev.skirmish.lobby.ws;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.skirmish.lobby.config.ReinstallOnLoggingReset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

/**
 * A frame refused by {@link StompGuard} is logged once as a WARN line ({@link StompRefusals}). Spring's STOMP handler
 * then logs the same refused SEND again as an ERROR ("Failed to send message to MessageChannel in session …"), which
 * would page an operator for a misbehaving client. This drops exactly that line: the refusal is noted on the thread
 * that handles the frame (authorization runs on the caller's thread), and only the handler's next such line on that
 * thread is dropped. A frame that cannot be decoded (over the 16 KiB limit, malformed) is logged by Spring as an ERROR
 * with a stack trace; that becomes one WARN line too. Every other line of that logger passes.
 * <p>
 * It is the only appender of the handler's logger, which hands every line it keeps to the parent logger's appenders
 * as the logger's additivity would have done. Not a turbo filter (as before issue 19's join20): logback asks every
 * turbo filter at every level check of every logger ({@code isDebugEnabled} all over Jetty and Spring), while this
 * appender sees only the lines that logger actually writes.
 */
public final class StompRefusalLogFilter extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final String NAME = "skirmish-stomp-refusals";
    private static final String HANDLER_LOGGER = StompSubProtocolHandler.class.getName();
    private static final String PARENT_LOGGER = HANDLER_LOGGER.substring(0, HANDLER_LOGGER.lastIndexOf('.'));
    private static final String CONVERSION_FAILURE = StompConversionException.class.getName();
    private static final ThreadLocal<String> LAST_REFUSAL = new ThreadLocal<>();
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(StompGuard.class);
    private static final Pattern SESSION = Pattern.compile(" in session ([^ .]+)");
    private static final String REFUSED_SEND_LINE = "Failed to send message to MessageChannel in session ";

    private final Logger parent;

    private StompRefusalLogFilter(LoggerContext ctx) {
        this.parent = ctx.getLogger(PARENT_LOGGER);
        setContext(ctx);
        setName(NAME);
        start();
    }

    /**
     * Puts the appender on the handler's logger unless it is there. Called at startup and on every refusal, because a
     * logging re-initialisation (another application context in the same JVM, as in tests) resets every logger; a
     * reset-resistant listener puts it back after each reset too, so no frame of a join has to look.
     */
    static void ensureInstalled() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) install(ctx);
    }

    static void install(LoggerContext ctx) {
        Logger handler = ctx.getLogger(HANDLER_LOGGER);
        if (handler.getAppender(NAME) != null) return;
        synchronized (StompRefusalLogFilter.class) {
            if (handler.getAppender(NAME) != null) return;
            ReinstallOnLoggingReset.register(ctx, NAME, StompRefusalLogFilter::install);
            handler.addAppender(new StompRefusalLogFilter(ctx));
            handler.setAdditive(false);
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
    protected void append(ILoggingEvent event) {
        String message = event.getMessage();
        IThrowableProxy t = event.getThrowableProxy();
        if (message != null && t != null && CONVERSION_FAILURE.equals(t.getClassName()) && message.startsWith("Failed to parse")) {
            // an oversized or malformed frame: the client gets an ERROR frame; one line here instead of a stack trace
            Matcher m = SESSION.matcher(message);
            log.warn("STOMP frame refused (session {}): {}", m.find() ? m.group(1) : "?", t.getMessage());
            return;
        }
        if (message != null && LAST_REFUSAL.get() != null && message.startsWith(REFUSED_SEND_LINE)) {
            LAST_REFUSAL.remove();
            return;
        }
        parent.callAppenders(event);
    }
}
