package dev.skirmish.orchestrator.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running match-host process: its stdin is the command channel (only we hold the pipe; it carries each match's
 * session key, which therefore never sits on a command line, in an environment or in a file), its stdout the
 * replies, its stderr its log file.
 */
final class HostProcess {
    private static final Logger log = LoggerFactory.getLogger(HostProcess.class);
    /** A reply is at most this long ({@code ended <64-char id> <code>}); longer lines are not replies. */
    private static final int MAX_REPLY = 256;
    /** The host log's end that is searched for a crashed match's own lines. */
    private static final int LOG_TAIL_BYTES = 64 * 1024;

    private final int number;
    private final Process process;
    private final Writer commands;
    private final Path logFile;
    private final Map<String, HostedMatch> matches = new ConcurrentHashMap<>();
    /** Matches placed here and not ended (under {@link MatchHosts}' lock). */
    int placed;
    /** False once told to exit: nothing more is placed here. */
    boolean accepting = true;

    HostProcess(int number, Process process, Path logFile, Consumer<HostProcess> gone,
                BiConsumer<HostProcess, HostedMatch> ended) {
        this.number = number;
        this.process = process;
        this.logFile = logFile;
        OutputStream in = process.getOutputStream();
        this.commands = new java.io.OutputStreamWriter(in, StandardCharsets.US_ASCII);
        Thread.ofVirtual().name("host-" + number + "-replies").start(() -> readReplies(ended));
        process.onExit().thenAccept(p -> {
            int code = p.exitValue();
            List<HostedMatch> left = List.copyOf(matches.values());
            if (!left.isEmpty()) {
                log.warn("match host {} exited ({}) with {} matches in it: each ends as crashed", describe(), code,
                        left.size());
            }
            for (HostedMatch m : left) {
                matches.remove(m.sessionId());
                ended.accept(this, m);
                m.ended(code == 0 ? 1 : code); // its match did not end by itself
            }
            gone.accept(this);
        });
    }

    HostedMatch add(String sessionId) {
        HostedMatch m = new HostedMatch(sessionId, this);
        matches.put(sessionId, m);
        return m;
    }

    void forget(String sessionId) {
        matches.remove(sessionId);
    }

    synchronized void send(String command) throws IOException {
        commands.write(command);
        commands.write('\n');
        commands.flush();
    }

    private void readReplies(BiConsumer<HostProcess, HostedMatch> ended) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line; (line = boundedLine(r)) != null; ) {
                if (line.length() > MAX_REPLY) {
                    // not a reply (the JVM's own warnings also go to stdout): logged shortened, never parsed
                    log.warn("match host {}: {}…", describe(), line.substring(0, MAX_REPLY));
                    continue;
                }
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("ended")) {
                    HostedMatch m = matches.remove(f[1]);
                    if (m != null) {
                        int code = parse(f[2]);
                        if (code != 0) {
                            copyMatchLines(f[1], m);
                        }
                        ended.accept(this, m);
                        m.ended(code);
                    }
                } else if (f.length == 3 && f[0].equals("added")) {
                    log.debug("match host {} plays session {} on port {}", describe(), f[1], f[2]);
                } else {
                    log.warn("match host {}: {}", describe(), line);
                }
            }
        } catch (IOException e) {
            log.debug("match host {} replies closed: {}", describe(), e.toString());
        }
    }

    /**
     * The next line, of which at most {@code MAX_REPLY + 1} characters are kept: a game server is untrusted
     * (docs/security.md), so an endless line must not become an endless string in the orchestrator.
     */
    private static String boundedLine(BufferedReader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = r.read()) != -1 && c != '\n') {
            if (sb.length() <= MAX_REPLY) {
                sb.append((char) c);
            }
        }
        return c == -1 && sb.isEmpty() ? null : sb.toString();
    }

    /**
     * A match that crashed or could not start: its own lines from the host's log go into its session log, where
     * the session's crash report ({@code lastLogLines}) is taken from, as for a process of its own.
     */
    private void copyMatchLines(String sessionId, HostedMatch m) {
        Path matchLog = matchLogs.get(sessionId);
        if (matchLog == null) {
            return;
        }
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = Math.max(0, all.length - LOG_TAIL_BYTES);
            String tail = new String(all, from, all.length - from, StandardCharsets.UTF_8);
            StringBuilder mine = new StringBuilder();
            boolean mineBefore = false;
            for (String l : tail.split("\n")) {
                boolean continued = l.startsWith("\t") || l.startsWith("Caused by") || l.startsWith("java.")
                        || l.startsWith("dev.skirmish.");
                boolean mineNow = l.contains("session=" + sessionId + " ") || (continued && mineBefore);
                if (mineNow) {
                    mine.append(l).append('\n');
                }
                mineBefore = mineNow;
            }
            Files.writeString(matchLog, mine, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            log.debug("could not copy session {}'s lines from {}: {}", sessionId, logFile, e.toString());
        }
    }

    /** Where each match's own session log is, for its crash lines. */
    final Map<String, Path> matchLogs = new ConcurrentHashMap<>();

    private static int parse(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() {
        process.destroyForcibly();
    }

    /** No more matches: the host exits once its last one is over (or at once, when empty). */
    void closeCommands() {
        try {
            synchronized (this) {
                commands.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    long pid() {
        return process.pid();
    }

    Instant startedAt() {
        return process.toHandle().info().startInstant().orElse(Instant.now());
    }

    Path logFile() {
        return logFile;
    }

    String describe() {
        return "#" + number + " (pid " + process.pid() + ")";
    }
}
