package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.lobby.support.IntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The upgrade's own timer in place of its {@code http.server.requests} observation (issue 19): an upgrade and a
 * refused one are counted by outcome in {@code lobby.ws.upgrades}, and {@code /ws} no longer shows in
 * {@code http.server.requests}, while a REST call still does.
 */
class UpgradeTimerTest extends IntegrationTestBase {
    @Autowired
    MeterRegistry meters;

    private long upgrades(String outcome) {
        var timer = meters.find("lobby.ws.upgrades").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void upgradesAreTimedByOutcomeAndNotObserved() throws Exception {
        long upgraded = upgrades("UPGRADED"), refused = upgrades("REFUSED");
        try (var client = HttpClient.newHttpClient()) {
            WebSocket ws = client.newWebSocketBuilder().subprotocols("v12.stomp").connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() { }).join();
            ws.abort();
            // a plain GET: Spring's handshake refuses it (400, no Upgrade header)
            var plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(plain.statusCode()).isEqualTo(400);
        }
        assertThat(http.guest(name("uptimer")).get("token").asString()).isNotBlank();

        // recorded once the response is complete, which the client may see first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(upgrades("UPGRADED")).isEqualTo(upgraded + 1);
            assertThat(upgrades("REFUSED")).isEqualTo(refused + 1);
            assertThat(meters.find("http.server.requests").tag("uri", "/api/players/guest").timer()).isNotNull();
        });
        assertThat(meters.find("http.server.requests").tag("uri", "/ws").timers()).isEmpty();
    }
}
