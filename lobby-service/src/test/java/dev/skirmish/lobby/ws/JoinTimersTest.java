package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The upgrade's and the STOMP frames' timers are read side by side as the lobby's part of a STOMP join (issue 19),
 * so a dashboard's percentiles of the two must come from the same buckets: both are histograms with one bucket set,
 * from 1 ms to 10 s.
 */
class JoinTimersTest {
    private static List<Double> buckets(String scrape, String metric) {
        return Pattern.compile("^" + metric + "_seconds_bucket\\{[^}]*le=\"([^\"]+)\"", Pattern.MULTILINE).matcher(scrape)
                .results().map(m -> m.group(1)).filter(le -> !le.equals("+Inf")).map(Double::valueOf).toList();
    }

    @Test
    void upgradeAndFrameTimersShareOneHistogram() {
        var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new UpgradeTimer(meters);
        new StompJoinTimer(meters);
        String scrape = meters.scrape();
        // two tags each: the bucket list appears twice, once per tag value
        List<Double> upgrades = buckets(scrape, "lobby_ws_upgrades");
        List<Double> frames = buckets(scrape, "lobby_stomp_frames");
        assertThat(upgrades).isNotEmpty().isEqualTo(frames);
        assertThat(upgrades.getFirst()).isGreaterThanOrEqualTo(0.001);
        assertThat(upgrades.getLast()).isLessThanOrEqualTo(10.0);
    }
}
