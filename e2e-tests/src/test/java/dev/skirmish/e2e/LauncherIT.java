package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's launcher as a user runs it: {@code ./skirmish up} in the foreground, {@code status}, a demo whose
 * match is running when the stack is stopped, and the stop itself (SIGTERM; Ctrl-C's SIGINT takes the same trap)
 * leaving no service and no game server behind. Its own stack, on random ports and a temporary data directory.
 */
class LauncherIT {
    private final Path repo = Path.of(System.getProperty("e2e.repo.dir", "..")).toAbsolutePath().normalize();
    private final List<Process> started = new ArrayList<>();
    private Map<String, String> env;

    @AfterEach
    void cleanUp() throws Exception {
        if (env != null) {
            run(Duration.ofSeconds(60), "down");
        }
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    void upStatusDemoAndStopLeaveNothingBehind() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("e2e.work.dir", "target/e2e"))), "launcher-");
        int udpBase = ThreadLocalRandom.current().nextInt(20_000, 59_000);
        int lobbyPort = freePort();
        int orchestratorPort = freePort();
        env = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "SKIRMISH_NO_BUILD", "1",
                "SKIRMISH_DATA_DIR", data.toString(),
                "SKIRMISH_CONFIG_DIR", data.resolve("cli").toString(),
                "SKIRMISH_LOBBY_PORT", Integer.toString(lobbyPort),
                "SKIRMISH_ORCHESTRATOR_PORT", Integer.toString(orchestratorPort),
                // Spring binds these environment variables to the services' settings
                "SKIRMISH_ORCHESTRATOR_PORT_RANGE_START", Integer.toString(udpBase),
                "SKIRMISH_ORCHESTRATOR_PORT_RANGE_END", Integer.toString(udpBase + 30),
                "SKIRMISH_LOBBY_MIN_MATCH_SECONDS", "10");
        Path upLog = data.resolve("up.out");
        Process up = start(upLog, "up");
        await(() -> read(upLog).contains("Skirmish is up."), Duration.ofSeconds(180), () -> "up never got healthy:\n" + read(upLog));

        Result status = run(Duration.ofSeconds(30), "status");
        assertThat(status.code()).as(status.out()).isZero();
        assertThat(status.out()).contains("lobby: UP").contains("orchestrator: UP");
        if (Listening.supported()) {
            // the attack: a laptop's stack reached from its network; without SKIRMISH_BIND both listen on loopback only
            for (int port : List.of(lobbyPort, orchestratorPort)) {
                assertThat(Listening.on(port)).as("listening on port %d", port).isNotEmpty().allMatch(java.net.InetAddress::isLoopbackAddress);
            }
        }

        long orchestratorPid = Long.parseLong(Files.readString(data.resolve("run/orchestrator.pid")).strip());
        long lobbyPid = Long.parseLong(Files.readString(data.resolve("run/lobby.pid")).strip());
        ProcessHandle orchestrator = ProcessHandle.of(orchestratorPid).orElseThrow();
        ProcessHandle lobby = ProcessHandle.of(lobbyPid).orElseThrow();

        Path demoLog = data.resolve("demo.out");
        start(demoLog, "demo", "--bots", "2", "--match-seconds", "60");
        await(() -> orchestrator.descendants().findAny().isPresent(), Duration.ofSeconds(120),
                () -> "no game server was launched; demo said:\n" + read(demoLog));
        List<ProcessHandle> gameServers = orchestrator.descendants().toList();
        // the settings given through the environment reached the orchestrator: the server got a port of our range
        String commandLine = gameServers.getFirst().info().commandLine().orElse("");
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("--port (\\d+)").matcher(commandLine);
        assertThat(port.find()).as(commandLine).isTrue();
        assertThat(Integer.parseInt(port.group(1))).isBetween(udpBase, udpBase + 30);
        await(() -> read(demoLog).contains("2 playing"), Duration.ofSeconds(60), () -> "the bots never played:\n" + read(demoLog));

        up.destroy(); // SIGTERM to ./skirmish up
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up stopped").isTrue();
        assertThat(up.exitValue()).isZero();
        assertThat(read(upLog)).contains("skirmish: lobby stopped").contains("skirmish: orchestrator stopped");
        assertThat(lobby.isAlive()).as("lobby").isFalse();
        assertThat(orchestrator.isAlive()).as("orchestrator").isFalse();
        await(() -> gameServers.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(15),
                () -> "game servers left running: " + gameServers.stream().filter(ProcessHandle::isAlive).toList());
        Result after = run(Duration.ofSeconds(30), "status");
        assertThat(after.code()).isEqualTo(1);
        assertThat(after.out()).contains("lobby: DOWN");
        env = null;
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("skirmish").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private record Result(int code, String out) {
    }

    private Result run(Duration timeout, String... args) throws Exception {
        Path log = Files.createTempFile("skirmish-", ".out");
        try {
            Process p = start(log, args);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("./skirmish " + String.join(" ", args) + " did not finish in " + timeout);
            }
            return new Result(p.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void await(java.util.function.BooleanSupplier ok, Duration timeout, java.util.function.Supplier<String> why) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(why.get());
            }
            ServiceProcess.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
