package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's handshake headers, kept as the upgrade's name, value pairs and made a map only when asked for. */
class HandshakeHeadersTest {
    private static CoreWebSocketSession session(String... pairs) {
        return new CoreWebSocketSession(pairs, null, null, null, null, "v12.stomp", 1024, 1024);
    }

    @Test
    void everyValueOfEveryHeaderCaseInsensitivelyAndReadOnly() {
        var headers = session("Host", "127.0.0.1", "Sec-WebSocket-Protocol", "v12.stomp", "sec-websocket-protocol", "v11.stomp",
                "X-Note", "a\tb").getHandshakeHeaders();
        assertThat(headers.get("sec-websocket-protocol")).containsExactly("v12.stomp", "v11.stomp");
        assertThat(headers.getFirst("HOST")).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-note")).isEqualTo(List.of("a\tb"));
        assertThatThrownBy(() -> headers.add("X-Other", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noHeadersIsAnEmptyMap() {
        assertThat(session().getHandshakeHeaders().isEmpty()).isTrue();
    }
}
