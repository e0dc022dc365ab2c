package dev.skirmish.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.lobby.LobbyClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LobbyScreensTest {
    static final JsonNode ROOM = LobbyClient.JSON.readTree("""
            {"id":"r-1","name":"fun","owner":"alice","ownerId":"p-a","capacity":4,"state":"OPEN","private":false,
             "players":[{"id":"p-a","name":"alice","ready":true},{"id":"p-b","name":"bob","ready":false}]}
            """);

    @Test
    void lobbyListsRoomsWithTheSelectionMarked() {
        Screen s = LobbyScreens.lobby("bob", List.of(ROOM, ROOM), 1, "hello", 70, 12);
        assertThat(s.line(0)).contains("signed in as bob");
        assertThat(s.line(4)).startsWith("  fun").contains("alice").contains("2/4").contains("OPEN");
        assertThat(s.at(0, 5)).isEqualTo('>');
        assertThat(s.line(11)).startsWith("hello");
    }

    @Test
    void roomShowsMembersReadyFlagsOwnerChatAndTyping() {
        Screen s = LobbyScreens.room(ROOM, "p-b", List.of("[10:00:00] alice: hi", "[10:00:01] bob: yo"), "gg", "", 70, 20);
        assertThat(s.line(0)).contains("ROOM fun").contains("[OPEN]").contains("2/4");
        assertThat(s.line(3)).contains("[x] alice").contains("owner");
        assertThat(s.line(4)).contains("[ ] bob").contains("<- you");
        assertThat(s.toString()).contains("alice: hi").contains("bob: yo");
        assertThat(s.line(18)).isEqualTo("say: gg_" + " ".repeat(62));
    }
}
