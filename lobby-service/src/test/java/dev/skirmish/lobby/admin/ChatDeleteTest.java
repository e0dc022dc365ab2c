package dev.skirmish.lobby.admin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/** An operator deletes an abusive chat line: gone from history, and the room is told so clients drop it. */
class ChatDeleteTest extends AdminTestBase {
    @Test
    void aDeletedMessageLeavesHistoryAndTheRoomGetsADeleteEvent() {
        JsonNode troll = http.guest(name("troll"));
        JsonNode reader = http.guest(name("reader"));
        String trollToken = troll.get("token").asString();
        String roomId = http.post("/api/rooms", trollToken, "{\"name\":\"rude\",\"capacity\":2}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", reader.get("token").asString(), null).status()).isEqualTo(200);
        String admin = adminToken();
        try (var t = connect(troll.get("id").asString(), trollToken);
             var r = connect(reader.get("id").asString(), reader.get("token").asString())) {
            var chat = r.subscribe("/topic/rooms/" + roomId + "/chat");
            var events = r.subscribe("/topic/rooms/" + roomId);
            awaitSubscribed(reader.get("id").asString(), "/topic/rooms/" + roomId + "/chat", "/topic/rooms/" + roomId);
            t.chat("/app/rooms/" + roomId + "/chat", "something vile");
            long messageId = next(chat, null).get("id").asLong();

            // a player cannot delete it
            assertThat(http.post("/api/admin/chat/" + messageId + "/delete", trollToken, "{\"reason\":\"x\"}").status()).isEqualTo(401);
            assertThat(http.get("/api/rooms/" + roomId + "/chat", trollToken).body().get("items")).hasSize(1);

            assertThat(http.post("/api/admin/chat/" + messageId + "/delete", admin, "{\"reason\":\"slur\"}").status()).isEqualTo(204);
            JsonNode deleted = next(events, "CHAT_DELETED");
            assertThat(deleted.get("messageId").asLong()).isEqualTo(messageId);
            assertThat(http.get("/api/rooms/" + roomId + "/chat", trollToken).body().get("items")).isEmpty();
        }
        var again = http.post("/api/admin/chat/999999999/delete", admin, "{\"reason\":\"x\"}");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.body().get("code").asString()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(http.get("/api/admin/audit", admin).raw()).contains("\"action\":\"DELETE_MESSAGE\"").contains("slur");
    }
}
