package dev.skirmish.orchestrator.launch;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs {@code java -jar game-server.jar ...} as a child process. Arguments go in as a list (no shell ever sees
 * them), the session key goes in an environment built from nothing ({@link ChildEnvironment}), stdout and stderr
 * go to the session's log file so the child never blocks on a pipe and survives an orchestrator restart.
 */
@Component
@ConditionalOnProperty(name = "skirmish.orchestrator.launcher", havingValue = "local", matchIfMissing = true)
public class LocalProcessLauncher implements GameServerLauncher {
    private static final Logger log = LoggerFactory.getLogger(LocalProcessLauncher.class);
    private static final Duration SAME_PROCESS = Duration.ofSeconds(1);

    private final OrchestratorProperties props;
    private final StartupCache startupCache;
    private final MatchHosts hosts;

    public LocalProcessLauncher(OrchestratorProperties props, StartupCache startupCache) {
        this.props = props;
        this.startupCache = startupCache;
        this.hosts = new MatchHosts(props, this::startHost);
    }

    @Override
    public LaunchedServer launch(LaunchSpec spec) throws IOException {
        Path jar = props.gameServerJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("game-server jar not found at " + jar + " (set skirmish.orchestrator.game-server-jar)");
        }
        if (props.matchesPerProcess() > 1 && !spec.warm()) {
            return hosts.place(spec);
        }
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(commandFor(spec, jar));
        ChildEnvironment.apply(pb, spec.sessionKeyBase64(), spec.traceparent());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process = pb.start();
        log.info("launched game server session={} pid={} port={} warm={}", spec.sessionId(), process.pid(), spec.port(),
                spec.warm());
        return LaunchedServer.of(process);
    }

    /**
     * A match host: no session key in its environment or arguments (each match's comes over the stdin pipe, which
     * only we hold), its log (stderr) to its own file, stdout piped back for the per-match replies.
     */
    private Process startHost(LaunchSpec first, Path logFile) throws IOException {
        Path jar = props.gameServerJar().toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(GameServerJvmOptions.forHost(props));
        cmd.addAll(startupCache.jvmOptions(cmd.getFirst(), jar));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of("--host", "--address", first.bindAddress(), "--orchestrator-url", first.callbackUrl(),
                "--tick-rate", Integer.toString(first.tickRate()), "--max-matches",
                Integer.toString(props.matchesPerProcess())));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        ChildEnvironment.apply(pb, null);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return pb.start();
    }

    /** Match hosts take no more matches and exit once theirs are over (the stop kills them when so configured). */
    @PreDestroy
    void closeHosts() {
        hosts.closeAll();
    }

    /** Match hosts running now (for tests and the benchmark). */
    public int matchHosts() {
        return hosts.hostCount();
    }

    /** The same process only: same pid and the same start time (a pid can be reused by an unrelated process). */
    @Override
    public Optional<LaunchedServer> adopt(String sessionId, Long pid, Instant startedAt, Path logFile) {
        if (pid == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            Optional<Instant> started = h.info().startInstant();
            return startedAt == null || started.isEmpty()
                    || Duration.between(started.get(), startedAt).abs().compareTo(SAME_PROCESS) < 0;
        }).map(h -> AdoptedHostedMatch.isHost(h) ? AdoptedHostedMatch.of(sessionId, h) : LaunchedServer.adopted(h));
    }

    @Override
    public Readiness readiness() {
        boolean jar = Files.isRegularFile(props.gameServerJar());
        return new Readiness(jar, Map.of("launcher", "local",
                "gameServerJar", props.gameServerJar().toAbsolutePath().toString(), "gameServerJarFound", jar));
    }

    public List<String> commandFor(LaunchSpec spec, Path jar) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(GameServerJvmOptions.forLaunch(props, spec));
        cmd.addAll(startupCache.jvmOptions(cmd.getFirst(), jar));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(spec.arguments());
        return cmd;
    }

    public String javaCommand() {
        if (!props.javaCommand().isBlank()) {
            return props.javaCommand();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
