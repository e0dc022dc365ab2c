package dev.skirmish.lobby.ws;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast path gives AntPathMatcher's answers, for the chat mappings and for the shapes it leaves to it. */
class MappingPathMatcherTest {
    private static final List<String> PATTERNS = List.of(ChatStompController.ROOM_CHAT, ChatStompController.LOBBY_CHAT);
    private final MappingPathMatcher fast = new MappingPathMatcher(PATTERNS);
    private final AntPathMatcher ant = new AntPathMatcher();

    @Test
    void matchesAndVariablesAreAntPathMatchers() {
        List<String> paths = List.of("/rooms/r-1/chat", "/rooms/x/chat", "/lobby/chat", "/rooms//chat", "/rooms/a/b/chat",
                "/rooms/a/chat/", "/rooms/a/chats", "/rooms/chat", "/rooms", "/lobby/chat/", "/lobby/chatx", "/lobby",
                "rooms/a/chat", "//rooms/a/chat", "/rooms/a//chat", "/rooms/a b/chat", "/rooms/%2F/chat", "/", "",
                "/rooms/{roomId}/chat", "/rooms/*/chat", "/lobby/c?at", "/ROOMS/a/chat");
        for (String pattern : PATTERNS) {
            for (String path : paths) {
                boolean expected = ant.match(pattern, path);
                assertThat(fast.match(pattern, path)).as(pattern + " ~ " + path).isEqualTo(expected);
                if (expected) {
                    assertThat(fast.extractUriTemplateVariables(pattern, path)).as(path).isEqualTo(ant.extractUriTemplateVariables(pattern, path));
                }
            }
        }
        assertThat(fast.extractUriTemplateVariables(ChatStompController.ROOM_CHAT, "/rooms/r-1/chat")).containsExactly(java.util.Map.entry("roomId", "r-1"));
    }

    @Test
    void otherPatternsAndMethodsGoToAntPathMatcher() {
        assertThat(fast.match("/topic/**", "/topic/rooms/a/chat")).isTrue();
        assertThat(fast.match("/topic/rooms/*", "/topic/rooms/a")).isTrue();
        assertThat(fast.isPattern("/rooms/{roomId}/chat")).isTrue();
        assertThat(fast.isPattern("/topic/lobby/chat")).isFalse();
        assertThat(fast.combine("/app", "/lobby/chat")).isEqualTo(ant.combine("/app", "/lobby/chat"));
        assertThatThrownBy(() -> new MappingPathMatcher(List.of("/rooms/*/chat"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fast.extractUriTemplateVariables(ChatStompController.ROOM_CHAT, "/lobby/chat")).isInstanceOf(IllegalStateException.class);
    }
}
