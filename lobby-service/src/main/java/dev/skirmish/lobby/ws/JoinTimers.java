package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The histogram settings of the lobby's side of a STOMP join ({@code lobby.ws.upgrades} and
 * {@code lobby.stomp.frames}), in one place: the two are read together, so their buckets must match, and they match
 * {@code http.server.requests} for the REST joins (1 ms to 10 s).
 */
final class JoinTimers {
    private JoinTimers() {
    }

    static Timer register(MeterRegistry meters, String name, String description, String tagKey, String tagValue) {
        return Timer.builder(name).description(description).tag(tagKey, tagValue).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(meters);
    }
}
