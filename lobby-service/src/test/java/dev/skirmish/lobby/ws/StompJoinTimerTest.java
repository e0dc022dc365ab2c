package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lobby's side of a STOMP join (issue 19: its p99 beside the client's, as {@code http.server.requests} is for the
 * REST joins): {@code lobby.stomp.frames} times each accepted CONNECT and SUBSCRIBE, with a real STOMP client, and
 * nothing else: a refused SUBSCRIBE (the guard's ERROR) and a chat SEND are not joins.
 */
class StompJoinTimerTest extends IntegrationTestBase {
    @Autowired
    MeterRegistry meters;

    private long count(String command) {
        return meters.get("lobby.stomp.frames").tag("command", command).timer().count();
    }

    @Test
    void timesEachAcceptedConnectAndSubscribeOnly() throws Exception {
        JsonNode alice = http.guest(name("alice"));
        JsonNode mallory = http.guest(name("mallory"));
        String roomId = http.post("/api/rooms", alice.get("token").asString(), "{\"name\":\"timed\",\"capacity\":2}").body().get("id").asString();
        long connects = count("CONNECT");
        try (var a = StompTestClient.connect(port, alice.get("token").asString())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> count("CONNECT") == connects + 1);
            long subscribes = count("SUBSCRIBE");
            a.subscribeWithReceipt("/topic/rooms/" + roomId + "/chat").receipt().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> count("SUBSCRIBE") == subscribes + 1);
            assertThat(meters.get("lobby.stomp.frames").tag("command", "SUBSCRIBE").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
            a.chat("/app/rooms/" + roomId + "/chat", "not a join");

            try (var m = StompTestClient.connect(port, mallory.get("token").asString())) {
                // the test client subscribes to its /user/queue/errors on connect: an accepted SUBSCRIBE
                await().atMost(Duration.ofSeconds(10)).until(() -> count("SUBSCRIBE") == subscribes + 2);
                m.subscribeWithReceipt("/topic/rooms/" + roomId + "/chat");
                assertThat(m.errors.poll(10, TimeUnit.SECONDS)).as("the guard refuses a non-member's SUBSCRIBE").isNotNull();
            }
            assertThat(count("SUBSCRIBE")).as("the refused SUBSCRIBE is not timed").isEqualTo(subscribes + 2);
            assertThat(meters.get("lobby.stomp.frames").timers()).as("only CONNECT and SUBSCRIBE").hasSize(2);
        }
    }
}
