package dev.skirmish.lobby.ws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written parse of room topics accepts exactly what {@code /topic/rooms/([^/]+)(/chat)?} would. */
class RoomOfTopicTest {
    @Test
    void roomTopicsAndTheirChatNameTheirRoom() {
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1")).isEqualTo("r-1");
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1/chat")).isEqualTo("r-1");
    }

    @Test
    void anythingElseIsNoRoomTopic() {
        assertThat(StompGuard.roomOfTopic("/topic/rooms")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms/")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms//chat")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1/")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1/chats")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1/cha")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1/chat/x")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/rooms/r-1/other")).isNull();
        assertThat(StompGuard.roomOfTopic("/topic/lobby/chat")).isNull();
    }
}
