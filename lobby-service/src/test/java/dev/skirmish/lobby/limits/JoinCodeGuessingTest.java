package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.rooms.RoomEntity;
import dev.skirmish.lobby.rooms.RoomRepository;
import dev.skirmish.lobby.rooms.Seat;
import dev.skirmish.lobby.support.Http;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Attack: guessing private rooms' join codes (30 bits before) with join-by-code as fast as the lobby answers. */
class JoinCodeGuessingTest extends LimitedLobbyTestBase {
    @Autowired
    RoomRepository rooms;

    @Test
    void wrongCodesAre429AfterFiveAttempts() throws Exception {
        var http = new Http(port, "127.0.0.74");
        String guesser = http.guest(name("guess")).get("token").asString();
        for (int i = 0; i < 5; i++) {
            var r = http.post("/api/rooms/join-by-code", guesser, "{\"code\":\"AAAA" + (2222 + i) + "\"}");
            assertThat(r.status()).as(r.raw()).isEqualTo(403);
        }
        assertLimited(http.exchange("POST", "/api/rooms/join-by-code", guesser, "{\"code\":\"ZZZZ9999\"}"), "JOIN_RATE_LIMITED");
        // joining by room id can carry a code too: the same budget
        assertLimited(http.exchange("POST", "/api/rooms/" + UUID.randomUUID() + "/join", guesser, "{\"code\":\"ZZZZ9999\"}"), "JOIN_RATE_LIMITED");
    }

    @Test
    void newCodesHaveFortyBitsAndOldSixCharacterCodesStillWork() {
        var http = new Http(port, "127.0.0.75");
        String owner = http.guest(name("owner")).get("token").asString();
        var room = http.post("/api/rooms", owner, "{\"name\":\"secret\",\"capacity\":2,\"private\":true}");
        String code = room.body().get("code").asString();
        // 8 symbols of a 32-symbol alphabet: 8 x 5 = 40 bits
        assertThat(code).matches("[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}");

        var old = new RoomEntity(UUID.randomUUID().toString(), "old room", "someone", 4, true, "OLD234", 180, Instant.now());
        old.getSeats().add(new Seat("someone", "someone", Instant.now()));
        rooms.save(old);
        String joiner = http.guest(name("joiner")).get("token").asString();
        var joined = http.post("/api/rooms/join-by-code", joiner, "{\"code\":\"old234\"}");
        assertThat(joined.status()).as(joined.raw()).isEqualTo(200);
        assertThat(joined.body().get("id").asString()).isEqualTo(old.getId());
    }
}
