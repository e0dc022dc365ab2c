package dev.skirmish.lobby.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * One trace id per match start begins at the player's start request (docs/observability.md): the countdown keeps
 * the request's traceparent (on the room's row too) and its launch continues it, so the start line, the launch line
 * and the session request to the orchestrator share one trace id. A traceparent a player sends is hostile: it is
 * never continued, and a forged or oversized one reaches no log line, no row and no header to the orchestrator.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.dev.skirmish.lobby.rooms=INFO", "logging.level.dev.skirmish.lobby.matches=INFO"})
class StartTraceTest extends IntegrationTestBase {
    /** Spring Boot's default correlation part of a log line: [traceId-spanId]. */
    private static final Pattern CORRELATION = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}]");
    private static final String PLAYERS_TRACE = "abababababababababababababababab";
    /** Well-formed, chosen by a player: the match's trace id would be theirs if the edge continued it. */
    private static final String WELL_FORMED = "00-" + PLAYERS_TRACE + "-cdcdcdcdcdcdcdcd-01";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RoomRepository repository;

    private record Started(String roomId, String rowTraceparent) {
    }

    @Test
    void theLaunchContinuesTheStartRequestsTraceNotTheOneThePlayerSent(CapturedOutput out) {
        Started s = startHeld(WELL_FORMED);
        String traceId = traceIdOfLine(out, "room " + s.roomId() + " starting in");
        assertThat(traceId).as("the start request starts its own trace").isNotEqualTo(PLAYERS_TRACE);
        assertThat(s.rowTraceparent()).as("the countdown keeps the start request's trace on the row")
                .startsWith("00-" + traceId + "-").hasSize(55);

        await().atMost(Duration.ofSeconds(10)).until(() -> repository.findById(s.roomId()).orElseThrow().getState() == RoomState.IN_GAME);
        assertThat(traceIdOfLine(out, "room " + s.roomId() + " is in match")).as("the launch line").isEqualTo(traceId);
        // the same trace, in a span of its own under the start request's
        assertThat(FakeOrchestrator.shared().traceparentsFor(s.roomId())).singleElement().as("the session request's header")
                .satisfies(h -> assertThat(h).startsWith("00-" + traceId + "-").isNotEqualTo(s.rowTraceparent()));
        assertThat(out.getAll()).as("the player's ids are in no log line").doesNotContain(PLAYERS_TRACE);
    }

    @Test
    void forgedOrOversizedTraceparentsOnTheStartRequestReachNoLogNoRowAndNoHeader(CapturedOutput out) {
        String oversized = WELL_FORMED + "-" + "e".repeat(4000);
        for (String forged : List.of(oversized, WELL_FORMED.toUpperCase(), WELL_FORMED.replace("-01", "-01 INFO forged"))) {
            String what = forged.length() > 80 ? forged.substring(0, 80) + "... (" + forged.length() + " chars)" : forged;
            Started s = startHeld(forged);
            String traceId = traceIdOfLine(out, "room " + s.roomId() + " starting in");
            assertThat(s.rowTraceparent()).as(what).startsWith("00-" + traceId + "-").hasSize(55);
            await().atMost(Duration.ofSeconds(10)).until(() -> !FakeOrchestrator.shared().traceparentsFor(s.roomId()).isEmpty());
            assertThat(FakeOrchestrator.shared().traceparentsFor(s.roomId()).getFirst()).as(what).startsWith("00-" + traceId + "-");
        }
        String log = out.getAll();
        assertThat(log).doesNotContain(PLAYERS_TRACE).doesNotContain(PLAYERS_TRACE.toUpperCase()).doesNotContain("INFO forged")
                .doesNotContain("eeeeeeeeeeeeeeee");
    }

    @Test
    void theStoredTraceparentIsCheckedOnTheWayInAndOut() {
        var room = new RoomEntity("r", "n", "o", 2, false, null, 60, Instant.now());
        for (String bad : new String[] {WELL_FORMED.toUpperCase(), WELL_FORMED + "\r\nINFO forged", "00-" + "0".repeat(32) + "-cdcdcdcdcdcdcdcd-01", ""}) {
            room.setCountdown(1L, Instant.now(), false, bad);
            assertThat(room.getCountdownTraceparent()).as(bad).isNull();
        }
        room.setCountdown(1L, Instant.now(), false, WELL_FORMED);
        assertThat(room.getCountdownTraceparent()).isEqualTo(WELL_FORMED);

        // a row written by someone else (another node, an old version, a hand in the database)
        String roomId = createRoom(http.guest(name("row")).get("token").asString());
        assertThatThrownBy(() -> jdbc.update("update rooms set countdown_traceparent = ? where id = ?", WELL_FORMED + "-ee", roomId))
                .as("the column refuses a longer value").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("update rooms set countdown_traceparent = ? where id = ?", "00-ab", roomId))
                .as("and a shorter one").isInstanceOf(DataIntegrityViolationException.class);
        jdbc.update("update rooms set countdown_traceparent = ? where id = ?", WELL_FORMED.replace('a', 'G'), roomId);
        assertThat(repository.findById(roomId).orElseThrow().getCountdownTraceparent()).as("a 55-character value of another format").isNull();
    }

    /** Two ready players; the owner's start request carries {@code traceparent}; the launch is held at the orchestrator. */
    private Started startHeld(String traceparent) {
        String owner = http.guest(name("owner")).get("token").asString();
        String other = http.guest(name("other")).get("token").asString();
        String roomId = createRoom(owner);
        assertThat(http.post("/api/rooms/" + roomId + "/join", other, "{}").status()).isEqualTo(200);
        assertThat(http.post("/api/rooms/" + roomId + "/ready", owner, "{\"ready\":true}").status()).isEqualTo(200);
        assertThat(http.post("/api/rooms/" + roomId + "/ready", other, "{\"ready\":true}").status()).isEqualTo(200);
        FakeOrchestrator.shared().hold(roomId);
        try {
            var start = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms/" + roomId + "/start"))
                    .header("Authorization", "Bearer " + owner).header("Content-Type", "application/json")
                    .header("traceparent", traceparent).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThat(CLIENT.send(start, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            // the launch is in flight (claimed, its countdown still on the row) until the orchestrator answers
            await().atMost(Duration.ofSeconds(10)).until(() -> !FakeOrchestrator.shared().traceparentsFor(roomId).isEmpty());
            Map<String, Object> row = jdbc.queryForMap("select launching, countdown_traceparent from rooms where id = ?", roomId);
            assertThat(row.get("launching")).isEqualTo(true);
            return new Started(roomId, (String) row.get("countdown_traceparent"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            FakeOrchestrator.shared().release(roomId);
        }
    }

    private String createRoom(String ownerToken) {
        var r = http.post("/api/rooms", ownerToken, "{\"name\":\"traced\",\"capacity\":2}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asString();
    }

    /** The trace id of the (first) log line containing {@code text}, waiting for it with a deadline. */
    private static String traceIdOfLine(CapturedOutput out, String text) {
        String line = await().atMost(Duration.ofSeconds(10)).until(
                () -> out.getAll().lines().filter(l -> l.contains(text)).findFirst().orElse(null), l -> l != null);
        Matcher m = CORRELATION.matcher(line);
        assertThat(m.find()).as("a trace id in: " + line).isTrue();
        return m.group(1);
    }
}
