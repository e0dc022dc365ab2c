package dev.skirmish.cli.text;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %safeEx} in logback.xml: a stack trace keeps its lines and tabs; its messages (network text) are escaped. */
public final class EscapedThrowable extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Printable.escapeLines(super.convert(event));
    }
}
