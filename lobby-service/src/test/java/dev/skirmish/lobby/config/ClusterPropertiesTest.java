package dev.skirmish.lobby.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * A node killed inside its room sweep leaves the sweep's ShedLock row held: the other nodes skip the sweep until the
     * hold lapses, so a dead node's countdown waits for it. With the defaults the takeover must still come within the
     * issue's 10 s of the countdown's end (the hold was ten intervals, 20 s; LobbyClusterIT kills a node in that state).
     */
    @Test
    void aSweepLockLeftByADeadNodeStillLetsCountdownsBeTakenOverWithinTenSeconds() {
        ClusterProperties cluster = bind(Map.of());
        Duration sweepCanResume = cluster.sweepHold().compareTo(cluster.countdownTakeover()) > 0 ? cluster.sweepHold() : cluster.countdownTakeover();
        Duration worstTakeover = sweepCanResume.plus(cluster.sweepInterval());
        assertThat(worstTakeover).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(cluster.sweepHold()).isEqualTo(Duration.ofSeconds(4));
        // the hold scales with the interval, so a slower sweep keeps its share of slack
        assertThat(bind(Map.of("skirmish.cluster.sweep-interval", "1s")).sweepHold()).isEqualTo(Duration.ofSeconds(2));
    }

    /** Unset: no home nodes, no hints (docs/scaling.md, room affinity). */
    @Test
    void aNodeHasNoNameUnlessItIsGivenOne() {
        assertThat(bind(Map.of()).nodeName()).isNull();
        assertThat(bind(Map.of("skirmish.cluster.node-name", "lobby-two")).nodeName()).isEqualTo("lobby-two");
    }

    /** The name goes into rooms' rows, their answers and HAProxy's URL match: only HAProxy-style server names, at start. */
    @Test
    void aNodeNameIsOneToThirtyTwoLettersDigitsOrDashes() {
        assertThat(bind(Map.of("skirmish.cluster.node-name", "a".repeat(32))).nodeName()).hasSize(32);
        for (String bad : new String[] {"", "a".repeat(33), "lobby one", "lobby_one", "lobby.one", "lobby-ö", "x\r\ny", "<b>"}) {
            assertThatThrownBy(() -> bind(Map.of("skirmish.cluster.node-name", bad)))
                    .as(bad).hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .rootCause().hasMessageContaining("skirmish.cluster.node-name must be 1 to 32 letters, digits or '-'");
        }
    }
}
