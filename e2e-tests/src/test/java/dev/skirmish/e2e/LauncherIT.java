package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final String TOKEN_SECRET = "launcher-it-token-secret-" + java.util.UUID.randomUUID();
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
                "SKIRMISH_LOBBY_MIN_MATCH_SECONDS", "10",
                // a token secret the user exported: the lobby's alone, never the orchestrator's (nor its game servers')
                "SKIRMISH_LOBBY_TOKEN_SECRET", TOKEN_SECRET);
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
        String serviceKey = Files.readString(data.resolve("service.key")).strip();
        if (Files.isReadable(Path.of("/proc/self/environ"))) {
            // the attack: a hole in a game server (a child of the orchestrator) yields the lobby's token secret
            Map<String, String> orchestratorEnv = environ(orchestratorPid);
            Map<String, String> lobbyEnv = environ(lobbyPid);
            // asserted on names and booleans only: a failure must not print the secrets it compares
            assertThat(orchestratorEnv.keySet()).as("orchestrator's variables").doesNotContain("SKIRMISH_LOBBY_TOKEN_SECRET");
            assertThat(orchestratorEnv.values().stream().anyMatch(v -> v.contains(TOKEN_SECRET))).as("token secret in the orchestrator's environment").isFalse();
            assertThat(serviceKey.equals(orchestratorEnv.get("SKIRMISH_SERVICE_KEY"))).as("the orchestrator has the service key").isTrue();
            assertThat(serviceKey.equals(lobbyEnv.get("SKIRMISH_SERVICE_KEY"))).as("the lobby has the service key").isTrue();
            assertThat(TOKEN_SECRET.equals(lobbyEnv.get("SKIRMISH_LOBBY_TOKEN_SECRET"))).as("the lobby has the token secret").isTrue();
        }
        for (ProcessHandle service : List.of(orchestrator, lobby)) {
            String commandLine = service.info().commandLine().orElse("");
            assertThat(commandLine.contains(serviceKey) || commandLine.contains(TOKEN_SECRET)).as("a secret on a command line").isFalse();
        }
        // the banner says how to reach the metrics, which need the service key, without printing the key
        assertThat(read(upLog)).contains("/actuator/prometheus").contains("Authorization: Bearer $(cat ");
        assertThat(read(upLog).contains(serviceKey)).as("the service key printed by up").isFalse();
        // bound to loopback, every bot of this machine signs up from one address: more than the lobby's default 20
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lobbyPort + "/api/players/guest"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"local" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("local sign-up %d: %s", i, r.body()).isEqualTo(201);
        }

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

    /** A process's environment as the kernel holds it: what a hole in that process could read. */
    private static Map<String, String> environ(long pid) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
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
