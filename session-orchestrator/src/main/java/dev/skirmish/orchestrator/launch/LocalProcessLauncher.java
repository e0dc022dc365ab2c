package dev.skirmish.orchestrator.launch;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@code java -jar game-server.jar ...} as a child process. Arguments go in as a list (no shell ever sees
 * them), the session key goes in the environment, stdout and stderr go to the session's log file so the child
 * never blocks on a pipe and survives an orchestrator restart.
 */
@Component
public class LocalProcessLauncher implements GameServerLauncher {
    private static final Logger log = LoggerFactory.getLogger(LocalProcessLauncher.class);
    public static final String SESSION_KEY_ENV = "SKIRMISH_SESSION_KEY";

    private final OrchestratorProperties props;
    private final StartupCache startupCache;

    public LocalProcessLauncher(OrchestratorProperties props, StartupCache startupCache) {
        this.props = props;
        this.startupCache = startupCache;
    }

    @Override
    public LaunchedServer launch(LaunchSpec spec) throws IOException {
        Path jar = props.gameServerJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("game-server jar not found at " + jar + " (set skirmish.orchestrator.game-server-jar)");
        }
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(commandFor(spec, jar));
        pb.environment().put(SESSION_KEY_ENV, spec.sessionKeyBase64());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process = pb.start();
        log.info("launched game server session={} pid={} port={} warm={}", spec.sessionId(), process.pid(), spec.port(),
                spec.warm());
        return LaunchedServer.of(process);
    }

    public List<String> commandFor(LaunchSpec spec, Path jar) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaCommand());
        cmd.addAll(props.jvmOptions());
        cmd.addAll(startupCache.jvmOptions(cmd.getFirst(), jar));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--session-id");
        cmd.add(spec.sessionId());
        cmd.add("--port");
        cmd.add(Integer.toString(spec.port()));
        cmd.add("--address");
        cmd.add(spec.bindAddress());
        if (spec.warm()) {
            cmd.add("--warm");
        } else {
            cmd.add("--players");
            cmd.add(String.join(",", spec.players()));
            cmd.add("--match-seconds");
            cmd.add(Integer.toString(spec.matchSeconds()));
        }
        cmd.add("--tick-rate");
        cmd.add(Integer.toString(spec.tickRate()));
        cmd.add("--orchestrator-url");
        cmd.add(spec.callbackUrl());
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
