package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A player's chat lines reach everyone in the order they were typed: inbound frames are handled on the thread that
 * read them (with a thread per inbound message, lines of one burst swapped places), and deliveries to one session
 * go out one at a time, in order ({@code setPreservePublishOrder}).
 */
class ChatOrderIntegrationTest extends IntegrationTestBase {
    @Test
    void aBurstOfChatLinesArrivesInTheOrderItWasSent() throws InterruptedException {
        JsonNode talker = http.guest(name("talker"));
        JsonNode listener = http.guest(name("listener"));
        String talkerId = talker.get("id").asString();
        try (var t = connect(talkerId, talker.get("token").asString());
             var l = connect(listener.get("id").asString(), listener.get("token").asString())) {
            var heard = l.subscribe("/topic/lobby/chat");
            awaitSubscribed(listener.get("id").asString(), "/topic/lobby/chat");
            List<String> sent = new ArrayList<>();
            // the whole burst the rate limit allows (10), back to back on one connection
            for (int i = 0; i < 10; i++) {
                String line = "line " + i + " of " + talkerId;
                sent.add(line);
                t.chat("/app/lobby/chat", line);
            }
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                JsonNode m = heard.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && talkerId.equals(m.path("playerId").asString())) received.add(m.path("text").asString());
            }
            assertThat(received).containsExactlyElementsOf(sent);
            assertThat(t.errors).isEmpty();
        }
    }
}
