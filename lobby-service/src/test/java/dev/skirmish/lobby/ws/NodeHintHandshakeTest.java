package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP endpoint's optional {@code ?node=} (room affinity's routing hint, docs/lobby-api.md): HAProxy routes on
 * it, the lobby never reads it. A handshake with it works as one without it, and a hostile value (long, control
 * characters, markup, another node's name) changes nothing: same CONNECTED, same subscriptions, same lines.
 */
class NodeHintHandshakeTest extends IntegrationTestBase {
    private static final String HOSTILE = URLEncoder.encode("lobby-two\r\n\0<script>alert(1)</script>' or 1=1;--%ÿ€\uD83D\uDE00"
            .repeat(30), StandardCharsets.UTF_8);

    @Test
    void aHintedHandshakeChatsAsAnUnhintedOne() throws Exception {
        JsonNode a = http.guest(name("alice"));
        JsonNode b = http.guest(name("bob"));
        String roomId = http.post("/api/rooms", a.get("token").asString(), "{\"name\":\"hinted\",\"capacity\":2}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", b.get("token").asString(), null);
        assertThat(HOSTILE.length()).isGreaterThan(2000);
        for (String path : new String[] {"/ws?node=lobby-one", "/ws?node=" + HOSTILE, "/ws?node=&node=x", "/ws?node"}) {
            try (var alice = StompTestClient.connect(port, path, a.get("token").asString());
                 var bob = StompTestClient.connect(port, "/ws?node=lobby-two", b.get("token").asString())) {
                var heard = bob.subscribeWithReceipt("/topic/rooms/" + roomId + "/chat");
                heard.receipt().get(10, TimeUnit.SECONDS);
                alice.chat("/app/rooms/" + roomId + "/chat", "through " + path.length());
                assertThat(next(heard.messages(), null).get("text").asString()).as(path).isEqualTo("through " + path.length());
                assertThat(alice.errors).as(path).isEmpty();
                assertThat(alice.transportErrors).as(path).isEmpty();
            }
        }
    }
}
