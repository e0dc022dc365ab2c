package dev.skirmish.lobby.ws;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code /ws} transport that only the WebSocket layer reads, prefix {@code skirmish.lobby} (next to
 * {@code ws-send-time-limit} and {@code ws-send-buffer-limit} in {@code LobbyProperties}; kept apart so the fan-out
 * work does not widen that record).
 *
 * @param wsPermessageDeflate accept a client's {@code permessage-deflate} offer on {@code /ws} (default false). Chat
 *                            frames are ~250 bytes, so compressing each one per recipient costs far more CPU than it
 *                            saves bytes, and each compressing connection holds its own zlib contexts (measured:
 *                            ~300 KiB per connection, docs/benchmarks.md). Turn it on only for clients on slow links.
 * @param acceptQueue         connections the kernel holds for the lobby before it accepts them (the listening
 *                            socket's backlog; default 1024, capped by the kernel's {@code net.core.somaxconn}): a
 *                            burst of joins that overflows it waits for SYN retries, a second or more each
 */
@ConfigurationProperties("skirmish.lobby")
public record StompTransportProperties(@DefaultValue("false") boolean wsPermessageDeflate, @DefaultValue("1024") int acceptQueue) {
    public StompTransportProperties {
        // 0 or less would leave the backlog to the JVM's default (50) without a word: refused at start-up instead
        if (acceptQueue < 1 || acceptQueue > 65_535) {
            throw new IllegalArgumentException("skirmish.lobby.accept-queue must be 1 to 65535, not " + acceptQueue);
        }
    }
}
