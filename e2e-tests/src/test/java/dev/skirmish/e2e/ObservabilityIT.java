package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.bots.BotMatch;
import dev.skirmish.cli.lobby.LobbyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Observability of one real match (docs/observability.md): the same trace id in the lobby's, the orchestrator's and
 * the game server's log lines about it, from the start to the result's way back; and the Grafana dashboard reads
 * only metrics that the lobby and the orchestrator really expose, scraped the way Prometheus does (with the service
 * key, on the paths of deploy/prometheus/prometheus.yml).
 */
class ObservabilityIT extends WithPlayers {
    private static final int MATCH_SECONDS = 10;
    /** The correlation part of the services' log lines (Spring Boot's default): [traceId-spanId]. */
    private static final Pattern CORRELATION = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}]");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void oneMatchCarriesOneTraceIdThroughAllThreeLogsAndTheDashboardReadsOnlyRealMetrics() throws Exception {
        Player alice = login("alice");
        Player bob = login("bob");
        StartedMatch match = StartedMatch.start(List.of(alice, bob), MATCH_SECONDS);
        // a chat line (its delivery meters) and a refusal of each service (the problem meters)
        alice.say(match.roomId(), "gl hf");
        bob.awaitChat(m -> m.path("text").asString().equals("gl hf"), Duration.ofSeconds(10));
        assertThat(get(stack.lobby.url + "/api/rooms/x/chat", null).statusCode()).isEqualTo(401);
        assertThat(get(stack.orchestrator.url + "/api/sessions", null).statusCode()).isEqualTo(401);
        match.awaitRunning(stack);

        // while the match runs: the per-session figures the orchestrator exports from its game server
        Set<String> exposed = new TreeSet<>();
        exposed.addAll(scrape(stack.lobby.url));
        exposed.addAll(scrape(stack.orchestrator.url));
        assertThat(exposed).contains("skirmish_session_tick_p99_ms", "lobby_chat_deliveries_seconds_count");

        for (var game : match.games()) {
            BotMatch.Outcome o = game.get(MATCH_SECONDS + 90, TimeUnit.SECONDS);
            assertThat(o.finished()).isTrue();
        }
        alice.awaitRoomEvent("ENDED", StartedMatch.EVENT_WAIT);
        // after the end: what only an ended session leaves (and its per-session series are gone)
        Set<String> afterEnd = scrape(stack.orchestrator.url);
        exposed.addAll(afterEnd);
        assertThat(afterEnd).doesNotContain("skirmish_session_tick_p99_ms");

        JsonNode dashboard = LobbyClient.JSON.readTree(Files.readString(repo().resolve("deploy/grafana/dashboards/skirmish.json")));
        assertThat(DashboardCheck.missing(dashboard, exposed)).as("panels on metrics no service exposes").isEmpty();
        assertThat(Files.readString(repo().resolve("deploy/prometheus/prometheus.yml")))
                .contains("metrics_path: /actuator/prometheus", "credentials_file: /run/secrets/service-key")
                .doesNotContain(stack.serviceKey);

        // the trace: the lobby's launch line names it ...
        String startLine = awaitLine(log(stack.dir.resolve("lobby.log")),
                l -> l.contains("room " + match.roomId() + " is in match " + match.matchId()), "the lobby's start line");
        Matcher m = CORRELATION.matcher(startLine);
        assertThat(m.find()).as("trace id in: " + startLine).isTrue();
        String traceId = m.group(1);
        // ... it began at the owner's start request (the countdown kept its trace), whose line carries it too ...
        awaitLine(log(stack.dir.resolve("lobby.log")), l -> l.contains(traceId) && l.contains("room " + match.roomId() + " starting in"),
                "the lobby's start-request line with trace " + traceId);
        // ... the orchestrator's session request, launch and the event back to the lobby carry it ...
        Path orchestratorLog = stack.dir.resolve("orchestrator.log");
        awaitLine(log(orchestratorLog), l -> l.contains(traceId) && l.contains("launched game server session=" + match.sessionId()),
                "the orchestrator's launch line with trace " + traceId);
        awaitLine(log(orchestratorLog), l -> l.contains(traceId) && l.contains("SESSION_ENDED") && l.contains("delivered to lobby"),
                "the orchestrator's delivery of the result event with trace " + traceId);
        // ... the game server's lines about the match ...
        Path gameLog = stack.dir.resolve("orchestrator").resolve("logs").resolve(match.sessionId() + ".log");
        awaitLine(log(gameLog), l -> l.contains("trace=" + traceId) && l.contains("match over"),
                "the game server's end-of-match line with trace " + traceId);
        assertThat(Files.readAllLines(gameLog).stream().filter(l -> l.contains("session=" + match.sessionId())))
                .as("every game-server line of the match carries the trace").allMatch(l -> l.contains("trace=" + traceId));
        // ... and the lobby's line about the result
        awaitLine(log(stack.dir.resolve("lobby.log")), l -> l.contains(traceId) && l.contains("session " + match.sessionId())
                && l.contains("SESSION_ENDED"), "the lobby's result line with trace " + traceId);
    }

    private Set<String> scrape(String base) {
        HttpResponse<String> r = get(base + "/actuator/prometheus", stack.serviceKey);
        assertThat(r.statusCode()).as(base + "/actuator/prometheus with the service key").isEqualTo(200);
        assertThat(get(base + "/actuator/prometheus", null).statusCode()).as("without the key").isEqualTo(401);
        return DashboardCheck.exposedNames(r.body());
    }

    private static HttpResponse<String> get(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A log file's lines as they are now (missing yet: none). */
    private static java.util.function.Supplier<List<String>> log(Path file) {
        return () -> {
            try {
                return Files.exists(file) ? Files.readAllLines(file) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Polls (log lines are written asynchronously to the event that caused them) with a deadline. */
    private static String awaitLine(java.util.function.Supplier<List<String>> lines, Predicate<String> which, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (String l : lines.get()) {
                if (which.test(l)) {
                    return l;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no line found: " + what);
            }
            ServiceProcess.sleep(200);
        }
    }

    private static Path repo() {
        return Path.of(System.getProperty("e2e.repo.dir", "..")).toAbsolutePath().normalize();
    }
}
