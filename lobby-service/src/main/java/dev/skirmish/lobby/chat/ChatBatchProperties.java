package dev.skirmish.lobby.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings only the chat writer reads, prefix {@code skirmish.lobby} (next to {@code chat-batch-size} in
 * {@code LobbyProperties}; kept apart so this work does not widen that record).
 *
 * @param chatBatchLinger how long the chat writer, having taken a line while fewer than {@code chat-batch-size} wait,
 *                        waits once for more to share its transaction (default 2ms; 0: each line is stored as soon as
 *                        the writer is free). Without it the writer, free again within microseconds, committed 1-5
 *                        lines at a time even at 8,000 lines/s (docs/benchmarks.md), and the commit, the pool round
 *                        trip and the hand-off to the delivery lanes are paid per batch. Adds at most this much to a line's
 *                        delivery; at most 1s. Profile {@code cluster} sets 10ms (application-cluster.yml): there a
 *                        batch is a PostgreSQL transaction with the shared chat limit's statement.
 */
@ConfigurationProperties("skirmish.lobby")
public record ChatBatchProperties(@DefaultValue("2ms") Duration chatBatchLinger) {
    public ChatBatchProperties {
        if (chatBatchLinger.isNegative() || chatBatchLinger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("skirmish.lobby.chat-batch-linger must be between 0 and 1s, was " + chatBatchLinger);
        }
    }
}
