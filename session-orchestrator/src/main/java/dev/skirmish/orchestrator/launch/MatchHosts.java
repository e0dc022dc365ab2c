package dev.skirmish.orchestrator.launch;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places matches into match-host processes ({@code skirmish.orchestrator.matches-per-process} > 1): into the first
 * host with a free slot, else into a new one; an empty host is told to exit after {@code host-linger}. The session
 * code does not know: each match comes back as its own {@link LaunchedServer} with a {@link HostedMatch} handle.
 */
final class MatchHosts {
    private static final Logger log = LoggerFactory.getLogger(MatchHosts.class);
    /** What may go into a command line on the host's stdin: no spaces, no line breaks (no second command). */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/=]{1,128}");

    interface Starter {
        /** Starts {@code java ... -jar game-server.jar --host ...} with its stdin and stdout piped to us. */
        Process start(LaunchSpec first, Path logFile) throws IOException;
    }

    private final OrchestratorProperties props;
    private final Starter starter;
    private final List<HostProcess> hosts = new ArrayList<>();
    private int started;

    MatchHosts(OrchestratorProperties props, Starter starter) {
        this.props = props;
        this.starter = starter;
    }

    LaunchedServer place(LaunchSpec spec) throws IOException {
        String players = String.join(",", spec.players());
        if (!WORD.matcher(spec.sessionId()).matches() || !players.matches("[A-Za-z0-9_,-]{1,2200}")
                || !KEY.matcher(spec.sessionKeyBase64()).matches()) {
            throw new IOException("session id, player names or key not fit for a match host's command");
        }
        HostProcess host;
        HostedMatch match;
        synchronized (this) {
            host = hosts.stream().filter(h -> h.accepting && h.isAlive() && h.placed < props.matchesPerProcess())
                    .findFirst().orElse(null);
            if (host == null) {
                host = startHost(spec);
            }
            host.placed++;
            match = host.add(spec.sessionId());
            host.matchLogs.put(spec.sessionId(), spec.logFile());
        }
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        Files.writeString(spec.logFile(), "session " + spec.sessionId() + " is hosted by match host "
                + host.describe() + "; its log: " + host.logFile() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        try {
            host.send("add " + spec.sessionId() + " " + spec.port() + " " + spec.matchSeconds() + " " + players + " "
                    + spec.sessionKeyBase64());
        } catch (IOException e) {
            host.forget(spec.sessionId());
            ended(host, match);
            match.ended(1);
            throw new IOException("match host " + host.describe() + " took no command: " + e.getMessage(), e);
        }
        log.info("placed session {} into match host {} (port {})", spec.sessionId(), host.describe(), spec.port());
        return new LaunchedServer(match, host.pid(), host.startedAt());
    }

    private HostProcess startHost(LaunchSpec first) throws IOException {
        int number = ++started;
        Path logFile = props.dataDir().resolve("logs").resolve("host-" + number + "-"
                + System.currentTimeMillis() + ".log");
        Files.createDirectories(logFile.getParent());
        Process p = starter.start(first, logFile);
        HostProcess host = new HostProcess(number, p, logFile, this::gone, this::ended);
        hosts.add(host);
        log.info("started match host {} for up to {} matches, log {}", host.describe(), props.matchesPerProcess(),
                logFile);
        return host;
    }

    /** Called by the host's reader for every match that ended; counts down and lingers an empty host. */
    private void ended(HostProcess host, HostedMatch match) {
        synchronized (this) {
            host.placed--;
            host.matchLogs.remove(match.sessionId());
            if (host.placed > 0) {
                return;
            }
        }
        CompletableFuture.delayedExecutor(props.hostLinger().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> retireIfEmpty(host));
    }

    private void retireIfEmpty(HostProcess host) {
        synchronized (this) {
            if (host.placed > 0 || !host.accepting) {
                return;
            }
            host.accepting = false;
        }
        log.info("match host {} empty for {} s: told to exit", host.describe(), props.hostLinger().toSeconds());
        host.closeCommands();
    }

    private synchronized void gone(HostProcess host) {
        hosts.remove(host);
        log.info("match host {} gone", host.describe());
    }

    /** The orchestrator stops: no host takes more matches; each exits once its matches are over. */
    synchronized void closeAll() {
        for (HostProcess h : hosts) {
            h.accepting = false;
            h.closeCommands();
        }
    }

    synchronized int hostCount() {
        return hosts.size();
    }
}
