package dev.skirmish.lobby.chat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The linger is bounded: a negative one, or one that would hold every line back more than a second, is refused at start. */
class ChatBatchPropertiesTest {
    @Test
    void aLingerFromZeroToOneSecondIsTakenAndAnythingElseRefused() {
        assertThat(new ChatBatchProperties(Duration.ZERO).chatBatchLinger()).isZero();
        assertThat(new ChatBatchProperties(Duration.ofSeconds(1)).chatBatchLinger()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new ChatBatchProperties(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skirmish.lobby.chat-batch-linger");
        assertThatThrownBy(() -> new ChatBatchProperties(Duration.ofMillis(1001))).isInstanceOf(IllegalArgumentException.class);
    }
}
