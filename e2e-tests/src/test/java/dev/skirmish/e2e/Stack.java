package dev.skirmish.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import dev.skirmish.cli.lobby.LobbyClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole stack once per test JVM, shared by every IT: the packaged session-orchestrator (launching real
 * game-server processes from a random UDP port range) and the packaged lobby-service, on random free ports, with a
 * generated service key and H2 files in a fresh directory under target/e2e. A shutdown hook stops both and kills
 * their process trees, so no game server outlives the test run.
 */
final class Stack {
    /** Game-server UDP ports are taken from this many ports at a random base, far from the fixed 7000-7999. */
    private static final int PORT_RANGE = 40;
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static Stack instance;

    final String serviceKey;
    final ServiceProcess orchestrator;
    final ServiceProcess lobby;
    final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The running stack, started on first use. */
    static synchronized Stack get() {
        if (instance == null) {
            Stack s = new Stack();
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "e2e-stack-stop"));
            s.start();
            instance = s;
        }
        return instance;
    }

    private Stack() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        serviceKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Path work = Path.of(System.getProperty("e2e.work.dir", "target/e2e"));
        try {
            Files.createDirectories(work);
            dir = Files.createTempDirectory(work, "stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int lobbyPort = freeTcpPort();
        int orchestratorPort = freeTcpPort();
        int udpBase = freeUdpRange();
        Map<String, String> env = Map.of("SKIRMISH_SERVICE_KEY", serviceKey);
        orchestrator = new ServiceProcess("orchestrator", jar("e2e.orchestrator.jar"), orchestratorPort, List.of(
                "--server.port=" + orchestratorPort,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("orchestrator-db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--skirmish.orchestrator.data-dir=" + dir.resolve("orchestrator").toAbsolutePath(),
                "--skirmish.orchestrator.game-server-jar=" + jar("e2e.gameserver.jar"),
                "--skirmish.orchestrator.port-range-start=" + udpBase,
                "--skirmish.orchestrator.port-range-end=" + (udpBase + PORT_RANGE - 1),
                "--skirmish.orchestrator.max-sessions=6",
                // a loaded 2-core CI machine starts JVMs slowly
                "--skirmish.orchestrator.ready-timeout=60s",
                // nor kill a game server whose heartbeats are late on a busy machine (the crash test kills one
                // itself; the orchestrator sees that process exit at once, not through missed heartbeats)
                "--skirmish.orchestrator.missed-heartbeats=10",
                "--skirmish.orchestrator.stop-sessions-on-shutdown=true",
                "--skirmish.orchestrator.lobby-events-url=http://127.0.0.1:" + lobbyPort + "/internal/sessions/events",
                // the restart test waits for events held while the lobby was down: retry often
                "--skirmish.orchestrator.event-retry-max=1s",
                "--spring.main.banner-mode=off"), env, dir);
        lobby = new ServiceProcess("lobby", jar("e2e.lobby.jar"), lobbyPort, List.of(
                "--server.port=" + lobbyPort,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("lobby-db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--skirmish.lobby.orchestrator-url=http://127.0.0.1:" + orchestratorPort,
                "--skirmish.lobby.orchestrator-timeout=70s",
                // fixed, so that player tokens stay valid across the lobby restart
                "--skirmish.lobby.token-secret=e2e-" + serviceKey,
                "--skirmish.lobby.countdown=1s",
                // the tests play 10-20 s matches
                "--skirmish.lobby.min-match-seconds=10",
                "--spring.main.banner-mode=off"), env, dir);
    }

    private void start() {
        orchestrator.start(START_TIMEOUT);
        lobby.start(START_TIMEOUT);
    }

    /** Lobby down (SIGTERM) and up again on the same port and H2 file, as an operator's restart would. */
    void restartLobby() {
        lobby.stop(Duration.ofSeconds(20));
        lobby.start(START_TIMEOUT);
    }

    synchronized void stop() {
        lobby.stop(Duration.ofSeconds(10));
        orchestrator.stop(Duration.ofSeconds(15));
    }

    LobbyClient lobbyClient() {
        return new LobbyClient(lobby.url, null);
    }

    /** The orchestrator's view of a session (with the game server's pid), read with the service key. */
    JsonNode session(String sessionId) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(orchestrator.url + "/api/sessions/" + sessionId))
                    .header("Authorization", "Bearer " + serviceKey).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /api/sessions/" + sessionId + " answered " + r.statusCode() + ": " + r.body());
            }
            return LobbyClient.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path jar(String property) {
        String p = System.getProperty(property);
        if (p == null) {
            throw new IllegalStateException("system property " + property + " is not set: run through Failsafe (./mvnw verify)");
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base port whose first few UDP ports are free now; the orchestrator skips any taken later. */
    private static int freeUdpRange() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000 - PORT_RANGE);
            boolean free = true;
            for (int p = base; p < base + 8 && free; p++) {
                try (DatagramSocket s = new DatagramSocket(p)) {
                    free = s.getLocalPort() == p;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP port range found");
    }
}
