package dev.skirmish.lobby.ws;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.skirmish.lobby.config.ReinstallOnLoggingReset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP handler's duplicate ERROR line about a refusal is dropped by an appender on that one logger, not by a
 * turbo filter that every level check of every logger would ask (issue 19, join20); every other line of that logger
 * still reaches the appenders it reached before, and a reset of the logging context (a re-initialisation) does not
 * bring the duplicate lines back. A logging context of the test's own, so the JVM's other tests keep theirs.
 */
class StompRefusalLogFilterTest {
    private static final String REFUSED_LINE = "Failed to send message to MessageChannel in session s1";
    private final LoggerContext ctx = new LoggerContext();
    private final Logger handler = ctx.getLogger(StompSubProtocolHandler.class);
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();

    @BeforeEach
    void install() {
        ctx.start();
        StompRefusalLogFilter.install(ctx);
    }

    @AfterEach
    void stop() {
        StompRefusalLogFilter.handled();
        ctx.stop();
    }

    private void watchRoot() {
        written.setContext(ctx);
        written.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(written);
    }

    @Test
    void theHandlersLineAboutARefusalIsDroppedOnceAndEveryOtherLinePasses() {
        watchRoot();
        assertThat(ctx.getTurboFilterList()).isEmpty();

        handler.error("some other failure in session s1");
        StompRefusalLogFilter.refused("not a member of that room");
        handler.error(REFUSED_LINE, new IllegalStateException("Access Denied"));
        // the mark is spent: the same line without a refusal before it is the handler's own error and is written
        handler.error(REFUSED_LINE, new IllegalStateException("broken channel"));

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("some other failure in session s1", REFUSED_LINE);
        assertThat(written.list.get(1).getThrowableProxy().getMessage()).isEqualTo("broken channel");
    }

    @Test
    void aResetOfTheLoggingContextPutsTheFilterBack() {
        ctx.reset();
        ctx.reset();
        assertThat(handler.getAppender(StompRefusalLogFilter.NAME)).isNotNull();
        assertThat(handler.isAdditive()).isFalse();
        assertThat(ctx.getCopyOfListenerList()).filteredOn(l -> l instanceof ReinstallOnLoggingReset r && r.name().equals(StompRefusalLogFilter.NAME)).hasSize(1);
        watchRoot();
        StompRefusalLogFilter.refused("not a member of that room");
        handler.error(REFUSED_LINE, new IllegalStateException("Access Denied"));
        handler.error("some other failure in session s1");
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("some other failure in session s1");
    }
}
