package dev.skirmish.protocol.netsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's fates, without sockets: seeded, and as configured. */
class NetworkSimulatorTest {
    private static List<Long> fates(NetworkConditions c, int n) {
        NetworkSimulator sim = new NetworkSimulator(c, 0);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<NetworkSimulator.Delivery> d = sim.submit(new byte[] {(byte) i}, i * 1_000_000L);
            out.add(d.isEmpty() ? -1 : d.getFirst().atNanos());
            out.add((long) d.size());
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameFatesAndAnotherSeedOthers() {
        NetworkConditions c = new NetworkConditions(10, Duration.ofMillis(100), Duration.ofMillis(20), 5, 5, 42);
        assertThat(fates(c, 2000)).isEqualTo(fates(c, 2000));
        NetworkConditions other = new NetworkConditions(10, Duration.ofMillis(100), Duration.ofMillis(20), 5, 5, 43);
        assertThat(fates(other, 2000)).isNotEqualTo(fates(c, 2000));
    }

    @Test
    void lossLatencyJitterAndDuplicatesAreAsConfigured() {
        NetworkConditions c = new NetworkConditions(10, Duration.ofMillis(100), Duration.ofMillis(20), 5, 0, 7);
        NetworkSimulator sim = new NetworkSimulator(c, 1);
        int copies = 0;
        for (int i = 0; i < 10_000; i++) {
            for (NetworkSimulator.Delivery d : sim.submit(new byte[1], 0)) {
                copies++;
                assertThat(d.atNanos()).isBetween(80_000_000L, 120_000_000L);
            }
        }
        assertThat(sim.dropped()).isBetween(850L, 1150L);
        assertThat(sim.duplicated()).isBetween(350L, 600L);
        assertThat((long) copies).isEqualTo(10_000 - sim.dropped() + sim.duplicated());
    }

    @Test
    void reorderedDatagramsArriveAfterLaterOnes() {
        NetworkConditions c = new NetworkConditions(0, Duration.ofMillis(10), Duration.ZERO, 0, 20, 3);
        NetworkSimulator sim = new NetworkSimulator(c, 0);
        int overtaken = 0;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < 1000; i++) {
            long at = sim.submit(new byte[1], i * 16_000_000L).getFirst().atNanos();
            overtaken += at < newest ? 1 : 0;
            newest = Math.max(newest, at);
        }
        assertThat(overtaken).isGreaterThan(100);
    }

    @Test
    void aBlackoutDropsEverythingUntilItEnds() {
        NetworkSimulator sim = new NetworkSimulator(NetworkConditions.PERFECT, 0);
        sim.blackout(3_000_000_000L);
        assertThat(sim.submit(new byte[1], 2_999_999_999L)).isEmpty();
        assertThat(sim.submit(new byte[1], 3_000_000_000L)).hasSize(1);
    }

    @Test
    void optionsParseAsTheCliWritesThemAndOutOfRangeIsRefused() {
        assertThat(NetworkConditions.parsePercent("5%")).isEqualTo(5.0);
        assertThat(NetworkConditions.parsePercent("0.5")).isEqualTo(0.5);
        assertThat(NetworkConditions.parseDelay("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(NetworkConditions.parseDelay("0.25s")).isEqualTo(Duration.ofMillis(250));
        assertThat(NetworkConditions.parseDelay("20")).isEqualTo(Duration.ofMillis(20));
        assertThatThrownBy(() -> NetworkConditions.parsePercent("101%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.parsePercent("NaN")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.parseDelay("11s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.parseDelay("-1ms")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConditions.parseDelay("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The relay is a test and load tool: nobody on the network may use it to reach the server through us. */
    @Test
    void theRelayListensOnLoopbackOnly() throws Exception {
        try (UdpRelay relay = UdpRelay.start(new java.net.InetSocketAddress("127.0.0.1", 9), NetworkConditions.PERFECT)) {
            assertThat(relay.address().getAddress().isLoopbackAddress()).isTrue();
        }
        assertThatThrownBy(() -> UdpRelay.start(java.net.InetSocketAddress.createUnresolved("nowhere.invalid", 7000),
                NetworkConditions.PERFECT)).isInstanceOf(IllegalArgumentException.class);
    }
}
