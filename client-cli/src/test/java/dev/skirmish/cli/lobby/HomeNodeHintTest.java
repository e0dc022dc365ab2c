package dev.skirmish.cli.lobby;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.stomp.StompClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Room affinity's client half (docs/scaling.md): the real lobby in profile cluster with a node name answers a create
 * or join with the room's home node ({@code "node"}), and the CLI's STOMP connection then goes to
 * {@code /ws?node=<name>}, reconnecting once (subscriptions moved, nothing missed) when its open connection was made
 * without that hint. A recording proxy in front of the lobby stands where HAProxy would and shows each WebSocket
 * upgrade's request line. Needs the test PostgreSQL and RabbitMQ (as lobby-service's cluster tests do).
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_RABBITMQ_STOMP", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_RABBITMQ_STOMP=host:port and SKIRMISH_TEST_POSTGRES_* to run the lobby in profile cluster")
class HomeNodeHintTest {
    static LobbyFixture lobby;
    static RecordingProxy proxy;
    static String schema;
    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws IOException {
        schema = "cli_hint_" + UUID.randomUUID().toString().substring(0, 8);
        String[] relay = System.getenv("SKIRMISH_TEST_RABBITMQ_STOMP").split(":");
        lobby = new LobbyFixture(data, "http://127.0.0.1:9", "--spring.profiles.active=cluster",
                "--spring.datasource.url=" + jdbcUrl(), "--spring.datasource.username=" + dbUser(),
                "--spring.datasource.password=" + dbPassword(), "--spring.flyway.schemas=" + schema,
                "--skirmish.cluster.relay-host=" + relay[0], "--skirmish.cluster.relay-port=" + relay[1],
                "--skirmish.lobby.token-secret=cli-hint-test-token-secret-0123456789abcdef",
                "--skirmish.cluster.node-name=lobby-two");
        proxy = new RecordingProxy(Integer.parseInt(lobby.url.substring(lobby.url.lastIndexOf(':') + 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) proxy.close();
        if (lobby != null) lobby.close();
        try (var c = DriverManager.getConnection(System.getenv("SKIRMISH_TEST_POSTGRES_URL"), dbUser(), dbPassword())) {
            c.createStatement().execute("drop schema if exists " + schema + " cascade");
        }
    }

    private static String jdbcUrl() {
        String url = System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/skirmish_test");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String dbUser() {
        return System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_USER", "skirmish");
    }

    private static String dbPassword() {
        return System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_PASSWORD", "skirmish");
    }

    private static LobbyClient guest(String name) {
        LobbyClient c = new LobbyClient(proxy.url(), null);
        c.token(c.guest(name + Integer.toString((int) (Math.random() * 1e6), 36)).path("token").asString());
        return c;
    }

    @Test
    void aCreateOrJoinNamingAHomeNodeMovesTheConnectionThereOnce() throws Exception {
        LobbyClient alice = guest("alice");
        LobbyClient bob = guest("bob");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (LiveLobby live = new LiveLobby(alice, Duration.ofSeconds(10)).connect()) {
            live.subscribe("/topic/lobby/chat", f -> heard.add(f.body()));
            assertThat(proxy.upgrades()).containsExactly("GET /ws HTTP/1.1");
            assertThat(live.maintain()).isEqualTo(LiveLobby.Outcome.NOTHING);

            var room = alice.createRoom("hinted", 4, false);
            assertThat(room.path("node").asString()).isEqualTo("lobby-two");
            assertThat(alice.node()).isEqualTo("lobby-two");
            assertThat(alice.webSocketUri().toString()).endsWith("/ws?node=lobby-two");
            assertThat(live.maintain()).as("moved at once, subscriptions first").isEqualTo(LiveLobby.Outcome.RENEWED);
            assertThat(live.maintain()).as("once: the new connection has the hint").isEqualTo(LiveLobby.Outcome.NOTHING);
            assertThat(proxy.upgrades()).containsExactly("GET /ws HTTP/1.1", "GET /ws?node=lobby-two HTTP/1.1");
            assertThat(live.isOpen()).isTrue();

            // a joiner's connection carries the hint from its first upgrade: no reconnect
            assertThat(bob.join(room.path("id").asString(), null).path("node").asString()).isEqualTo("lobby-two");
            try (StompClient says = StompClient.connect(bob.webSocketUri(), bob.token(), Duration.ofSeconds(10))) {
                says.send("/app/lobby/chat", "{\"text\":\"after the move\"}");
                String got;
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while ((got = heard.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null && !got.contains("after the move")) {
                    // earlier lines of the shared lobby chat
                }
                assertThat(got).as("the moved connection still hears the lobby").contains("after the move");
            }
            assertThat(proxy.upgrades()).hasSize(3).last().isEqualTo("GET /ws?node=lobby-two HTTP/1.1");
            assertThat(live.maintain()).isEqualTo(LiveLobby.Outcome.NOTHING);
        }
    }

    /** A TCP forwarder to the lobby that keeps the first line of every WebSocket upgrade it passes. */
    static final class RecordingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final List<String> upgrades = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        RecordingProxy(int target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket in = server.accept();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        open.add(in);
                        open.add(out);
                        Thread.ofVirtual().start(() -> pipe(in, out, true));
                        Thread.ofVirtual().start(() -> pipe(out, in, false));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        List<String> upgrades() {
            return List.copyOf(upgrades);
        }

        private void pipe(Socket from, Socket to, boolean request) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buf = new byte[16384];
                boolean first = request;
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (first) {
                        // a client's first write holds its request line (HTTP clients write the head at once)
                        String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                        String line = head.substring(0, Math.max(0, head.indexOf("\r\n")));
                        if (line.startsWith("GET /ws")) upgrades.add(line);
                        first = false;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) s.close();
        }
    }
}
