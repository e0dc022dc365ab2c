package dev.skirmish.gameserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.ServerProcess;
import dev.skirmish.gameserver.support.Tokens;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The match start's trace in the packaged jar's log lines (docs/observability.md), and a forged
 * {@code SKIRMISH_TRACEPARENT} (log forging: a valid prefix, then a line break and a fake log line) never reaching
 * them.
 */
@Timeout(60)
class TraceparentJarIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String VALID = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void everyLineOfAMatchCarriesTheTraceIdOfItsStart() throws Exception {
        String stderr = run(VALID);
        String[] lines = stderr.lines().filter(l -> l.contains("session=s-trace")).toArray(String[]::new);
        assertThat(lines).isNotEmpty();
        assertThat(Arrays.stream(lines)).allMatch(l -> l.contains(" trace=" + TRACE_ID + " "));
    }

    @Test
    void aForgedTraceparentIsDroppedWithAWarningAndNeverLogged() throws Exception {
        String stderr = run(VALID + "\n12:00:00.000 INFO  [main] session=s-trace GameServer - forged line");
        assertThat(stderr).contains("SKIRMISH_TRACEPARENT is not a valid W3C traceparent")
                .doesNotContain("forged line").doesNotContain("trace=");
    }

    private static String run(String traceparent) throws Exception {
        Tokens t = new Tokens("s-trace");
        try (ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", t.base64Key(),
                "SKIRMISH_TRACEPARENT", traceparent),
                "--session-id", t.sessionId, "--port", "0", "--address", "127.0.0.1", "--players", "alice",
                "--no-players-timeout", "1")) {
            p.awaitLine("READY ", WAIT);
            assertThat(p.awaitLine("RESULT ", WAIT)).contains("NO_PLAYERS_CONNECTED");
            assertThat(p.awaitExit(WAIT)).isZero();
            // the process is gone; its stderr pump reads to the end
            await().atMost(WAIT).until(() -> p.stderr().contains("match over"));
            return p.stderr();
        }
    }
}
