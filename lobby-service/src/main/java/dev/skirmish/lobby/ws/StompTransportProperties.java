package dev.skirmish.lobby.ws;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param wsCoalesceLimit     STOMP frames waiting together for one connection go out as one WebSocket message of at
 *                            most this many bytes (default 0: one frame per message). STOMP is a stream of
 *                            NUL-terminated frames and the common clients parse it so (stompjs, Spring's
 *                            {@code WebSocketStompClient}, this project's CLI), which saves both sides a WebSocket
 *                            frame per STOMP frame; a client that expects exactly one frame per message needs 0.
 *                            At most 16 KiB (a STOMP frame's own limit), so a client sized for one frame takes it
 */
@ConfigurationProperties("skirmish.lobby")
public record StompTransportProperties(@DefaultValue("false") boolean wsPermessageDeflate, @DefaultValue("1024") int acceptQueue,
                                       @DefaultValue("0B") DataSize wsCoalesceLimit) {
    /** The most a coalesced message holds: one STOMP frame's limit, which every client must take anyway. */
    public static final int MAX_COALESCE_BYTES = 16 * 1024;

    public StompTransportProperties {
        if (wsCoalesceLimit.isNegative() || wsCoalesceLimit.toBytes() > MAX_COALESCE_BYTES) {
            throw new IllegalArgumentException("skirmish.lobby.ws-coalesce-limit must be 0 to 16KB, not " + wsCoalesceLimit);
        }
        // 0 or less would leave the backlog to the JVM's default (50) without a word: refused at start-up instead
        if (acceptQueue < 1 || acceptQueue > 65_535) {
            throw new IllegalArgumentException("skirmish.lobby.accept-queue must be 1 to 65535, not " + acceptQueue);
        }
    }
}
