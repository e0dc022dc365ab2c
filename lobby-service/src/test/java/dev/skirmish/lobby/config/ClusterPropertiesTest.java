package dev.skirmish.lobby.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The cluster's defaults as Spring binds them (docs/scaling.md's table says the same). */
class ClusterPropertiesTest {
    private static ClusterProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("skirmish.cluster", ClusterProperties.class);
    }

    /** Per-line frames made the publishing thread wait for every write to RabbitMQ (docs/benchmarks.md, issue 15). */
    @Test
    void bundlesAreOnByDefaultWithATwoMillisecondWindow() {
        ClusterProperties cluster = bind(Map.of());
        assertThat(cluster.bundles()).isTrue();
        assertThat(cluster.bundleWindow()).isEqualTo(Duration.ofMillis(2));
        assertThat(cluster.nodeFanout()).isTrue();
    }

    /** Below this a bridge's writes do not wait for the I/O thread; above it the writer waits (UnwaitedWrites). */
    @Test
    void theBridgeMayHaveFourMebibytesInFlight() {
        assertThat(bind(Map.of()).bridgeMaxBytesInFlight()).isEqualTo(4L * 1024 * 1024);
    }

    @Test
    void aZeroWindowStillGivesOneFramePerLine() {
        assertThat(bind(Map.of("skirmish.cluster.bundle-window", "0")).bundles()).isFalse();
    }
}
