package dev.skirmish.lobby.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

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

    /**
     * Two values by profile (docs/benchmarks.md, "The chat writer's linger on two nodes"): one node keeps 2 ms (tuned on
     * H2), a cluster node waits longer, where every commit is a PostgreSQL transaction with a WAL flush and the shared
     * chat limit's statement.
     */
    @Test
    void theClusterProfileLingersLongerThanOneNode() throws IOException {
        assertThat(bind("application.yml").chatBatchLinger()).isEqualTo(Duration.ofMillis(2));
        assertThat(bind("application.yml", "application-postgres.yml", "application-cluster.yml").chatBatchLinger())
                .isEqualTo(CLUSTER_LINGER);
    }

    private static final Duration CLUSTER_LINGER = Duration.ofMillis(10);

    /** The lobby's own files as Spring layers them: a later file (a profile's) over the earlier ones. */
    private static ChatBatchProperties bind(String... files) throws IOException {
        var sources = new ArrayList<ConfigurationPropertySource>();
        for (int i = files.length - 1; i >= 0; i--) {
            for (var source : new YamlPropertySourceLoader().load(files[i], new ClassPathResource(files[i]))) {
                sources.add(ConfigurationPropertySource.from(source));
            }
        }
        return new Binder(sources).bindOrCreate("skirmish.lobby", ChatBatchProperties.class);
    }
}
