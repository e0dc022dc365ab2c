package dev.skirmish.cli.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class LobbyClientOperationTest {
    private static String op(String method, String url) {
        return LobbyClient.operation(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void idsAndQueriesAreFoldedSoThatCallsGroupByEndpoint() {
        assertThat(op("POST", "http://h:8080/api/rooms/3f0c2a94-1b6e-4a43-9a53-2b7c3a9d0e11/join")).isEqualTo("POST /api/rooms/{id}/join");
        assertThat(op("GET", "http://h:8080/api/rooms/3f0c2a94-1b6e-4a43-9a53-2b7c3a9d0e11")).isEqualTo("GET /api/rooms/{id}");
        assertThat(op("GET", "http://h:8080/api/rooms?page=0&size=20&state=OPEN")).isEqualTo("GET /api/rooms");
        assertThat(op("POST", "http://h:8080/api/players/guest")).isEqualTo("POST /api/players/guest");
        assertThat(op("GET", "http://h:8080/api/matches?size=5&player=alice")).isEqualTo("GET /api/matches");
    }
}
