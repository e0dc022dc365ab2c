package dev.skirmish.lobby.ops;

import ch.qos.logback.classic.LoggerContext;
import dev.skirmish.lobby.support.IntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 (join20): logback asks every turbo filter at every level check of every logger, written or not; the
 * running lobby installs none, and still counts the lines it writes by level ({@code logback.events}).
 */
class NoTurboFiltersTest extends IntegrationTestBase {
    @Autowired
    MeterRegistry meters;

    @Test
    void theLoggingContextHasNoTurboFilterAndWrittenLinesAreStillCountedByLevel() {
        var ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(ctx.getTurboFilterList()).as("turbo filters").isEmpty();

        double warnBefore = meters.get("logback.events").tag("level", "warn").counter().count();
        double debugBefore = meters.get("logback.events").tag("level", "debug").counter().count();
        var log = LoggerFactory.getLogger(NoTurboFiltersTest.class);
        log.warn("a line for logback.events");
        log.trace("not written at the test's level: not counted");
        assertThat(meters.get("logback.events").tag("level", "warn").counter().count()).isEqualTo(warnBefore + 1);
        if (!log.isDebugEnabled()) {
            log.debug("not written: not counted");
            assertThat(meters.get("logback.events").tag("level", "debug").counter().count()).isEqualTo(debugBefore);
        }
    }
}
