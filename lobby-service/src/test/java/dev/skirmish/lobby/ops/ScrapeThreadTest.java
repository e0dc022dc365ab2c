package dev.skirmish.lobby.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * scrape27: a scrape runs on the platform thread {@code metrics-scrape}, not on its request's virtual thread (whose
 * carrier, one of two on two cores, it held for its whole CPU burst while the fan-out's virtual threads waited), and
 * only once Spring Security let it through.
 */
class ScrapeThreadTest extends IntegrationTestBase {
    @Autowired
    MeterRegistry meters;

    @Test
    void aScrapeReadsTheMetersOnThePlatformScrapeThreadAndOnlyWithTheServiceKey() {
        var reader = new AtomicReference<Thread>();
        Gauge gauge = Gauge.builder("test.scrape.thread", reader, r -> {
            r.set(Thread.currentThread());
            return 1;
        }).strongReference(true).register(meters);
        try {
            assertThat(http.get("/actuator/prometheus", "not-the-key").status()).isEqualTo(401);
            assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
            assertThat(reader.get()).as("no meter read without the service key").isNull();

            var scrape = http.get("/actuator/prometheus", "test-service-key");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.raw()).contains("test_scrape_thread 1", "lobby_rooms{state=\"OPEN\"}");
            assertThat(reader.get().isVirtual()).as("read on a virtual thread").isFalse();
            assertThat(reader.get().getName()).isEqualTo(ScrapeThread.NAME);
        } finally {
            meters.remove(gauge);
        }
    }
}
