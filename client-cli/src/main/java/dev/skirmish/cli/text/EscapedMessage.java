package dev.skirmish.cli.text;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safeMsg} in logback.xml: the log message with every hidden character escaped ({@link Printable}). The bots
 * and the STOMP client log what the lobby and game servers said, and their log goes to the same terminal.
 */
public final class EscapedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Printable.escape(super.convert(event));
    }
}
