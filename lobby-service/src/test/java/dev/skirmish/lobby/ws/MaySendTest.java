package dev.skirmish.lobby.ws;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack: a SEND to a destination outside the two chat ones (another application destination, a broker topic
 * that would skip the chat checks, a path-trick such as an empty or extra segment). The hand-written check accepts
 * exactly what the regex it replaced accepted; {@link StompSecurityIntegrationTest} shows a refused SEND over a real
 * connection.
 */
class MaySendTest {
    private static final Pattern BEFORE = Pattern.compile("/app/(lobby/chat|rooms/[^/]+/chat)");

    @Test
    void theTwoChatDestinationsMaySend() {
        assertThat(StompGuard.maySend("/app/lobby/chat")).isTrue();
        assertThat(StompGuard.maySend("/app/rooms/r-1/chat")).isTrue();
        assertThat(StompGuard.maySend("/app/rooms/x/chat")).isTrue();
    }

    @Test
    void everythingElseIsRefusedAsTheRegexRefusedIt() {
        List<String> refused = List.of("/app/rooms//chat", "/app/rooms/chat", "/app/rooms/a/b/chat", "/app/rooms/a/chat/",
                "/app/rooms/a/chats", "/app/rooms/a/cha", "/app/lobby/chat/", "/app/lobby/chatx", "/app/lobby", "/app/rooms/",
                "/topic/rooms/a/chat", "/topic/lobby/chat", "/user/queue/errors", "app/lobby/chat", "//app/lobby/chat",
                "/app//rooms/a/chat", "/app/rooms/a//chat", "/APP/lobby/chat", "", "/app/rooms/a/chat?x");
        for (String d : refused) {
            assertThat(StompGuard.maySend(d)).as(d).isFalse();
            assertThat(BEFORE.matcher(d).matches()).as(d).isFalse();
        }
        assertThat(StompGuard.maySend(null)).isFalse();
        for (String d : List.of("/app/rooms/a b/chat", "/app/rooms/%2F/chat", "/app/rooms/..\\/chat", "/app/rooms/\n/chat")) {
            assertThat(StompGuard.maySend(d)).as(d).isEqualTo(BEFORE.matcher(d).matches());
        }
    }
}
