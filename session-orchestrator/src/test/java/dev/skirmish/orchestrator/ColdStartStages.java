package dev.skirmish.orchestrator;

import dev.skirmish.orchestrator.sessions.LiveSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one cold start-to-READY round trip goes, for the benchmark: the orchestrator's own stage instants
 * ({@link LiveSession#startTimes()}) and the game server's log line {@code READY taken N ms after the JVM started
 * (port bound at B ms, callback C ms)}, whose timestamp anchors the JVM's start on the same wall clock.
 */
final class ColdStartStages {
    static final String[] NAMES = {
        "POST sent → slot reserved (HTTP in, JSON, validation)",
        "→ launched (session row stored, process spawned)",
        "→ game-server JVM started (exec, JVM boot)",
        "→ UDP port bound (main, logging, Netty)",
        "→ READY callback in (HTTP out and in)",
        "→ READY stored (transaction)",
        "→ 201 received (wake-up, tokens, JSON, HTTP out)",
    };
    private static final Pattern READY_LINE = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*READY taken (\\d+) ms after the JVM started \\(port bound at (\\d+) ms");

    private final List<double[]> runs = new ArrayList<>();

    /** Adds one launch; false when the game server's line was not found (the stages are then not counted). */
    boolean add(Instant sent, Instant received, LiveSession.StartTimes t, Path gameServerLog) {
        Optional<Instant[]> jvm = jvmStartAndBound(gameServerLog);
        if (jvm.isEmpty() || t.launched() == null || t.readyCalled() == null || t.readyStored() == null) {
            return false;
        }
        Instant[] marks = {sent, t.reserved(), t.launched(), jvm.get()[0], jvm.get()[1], t.readyCalled(),
                t.readyStored(), received};
        double[] ms = new double[marks.length - 1];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = Duration.between(marks[i], marks[i + 1]).toNanos() / 1e6;
        }
        runs.add(ms);
        return true;
    }

    int size() {
        return runs.size();
    }

    double[] stage(int i) {
        return runs.stream().mapToDouble(r -> r[i]).toArray();
    }

    /** {JVM start, port bound} from the game server's READY line, or empty while it is not written yet. */
    static Optional<Instant[]> jvmStartAndBound(Path log) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            Matcher m = READY_LINE.matcher(line);
            if (m.find()) {
                // the line's time is local wall clock with ms; the date is today's (a run does not span midnight)
                Instant logged = LocalTime.parse(m.group(1)).atDate(LocalDate.now()).atZone(ZoneId.systemDefault())
                        .toInstant();
                Instant jvmStart = logged.minusMillis(Long.parseLong(m.group(2)));
                return Optional.of(new Instant[] {jvmStart, jvmStart.plusMillis(Long.parseLong(m.group(3)))});
            }
        }
        return Optional.empty();
    }
}
