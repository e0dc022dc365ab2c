package dev.skirmish.lobby.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room affinity's routing half (docs/scaling.md) rests on HAProxy: {@code use-server <name> if { urlp(node) -m str
 * <name> }} sends {@code /ws?node=<name>} to that server, and a rule whose server is down is not applied, so the
 * request falls back to {@code leastconn}. Checked here with the real haproxy (skipped only where it is not installed;
 * .ci/run installs it) and the shipped file docker/haproxy/haproxy-ci.cfg, its ports moved to free ones and its
 * checks made faster, in front of two trivial backends that answer their server's name.
 */
class HaproxyNodeHintTest {
    private static final Path CONFIGS = Path.of(System.getProperty("user.dir")).resolveSibling("docker").resolve("haproxy");

    private final List<HttpServer> backends = new java.util.ArrayList<>();
    private Process haproxy;

    @AfterEach
    void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        backends.forEach(b -> b.stop(0));
    }

    private static Optional<String> haproxyBinary() {
        return List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin").stream().map(d -> Path.of(d, "haproxy"))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A backend that answers every path (its readiness check too) with its name. */
    private HttpServer backend(String name, int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/", x -> {
            byte[] body = name.getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        backends.add(s);
        return s;
    }

    /** One request on its own connection, as each WebSocket upgrade is: the status line and the body. */
    private static String get(int port, String path) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: lobby\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String status = answer.substring(0, answer.indexOf("\r\n"));
            return status.contains(" 200 ") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : status;
        }
    }

    private static String awaitAnswer(int port, String path, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(port, path);
                if (last.equals(expected)) return last;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        return last;
    }

    @Test
    void aHintRoutesToItsServerAndFallsBackWhenThatServerIsDownOrUnknown(@TempDir Path dir) throws Exception {
        Optional<String> binary = haproxyBinary();
        Assumptions.assumeTrue(binary.isPresent(), "haproxy is not installed (Debian: apt-get install haproxy; .ci/run installs it)");
        int lb = freePort(), one = freePort(), two = freePort();
        backend("lobby-one", one);
        HttpServer lobbyTwo = backend("lobby-two", two);
        String cfg = Files.readString(CONFIGS.resolve("haproxy-ci.cfg"))
                .replace("bind 127.0.0.1:8080", "bind 127.0.0.1:" + lb)
                .replace("127.0.0.1:8090", "127.0.0.1:" + one)
                .replace("127.0.0.1:8091", "127.0.0.1:" + two)
                // the shipped checks (every 2 s, down after 2 failures) made faster: the same rules, a shorter test
                .replace("inter 2s", "inter 200ms");
        assertThat(cfg).contains("bind 127.0.0.1:" + lb, "127.0.0.1:" + one, "127.0.0.1:" + two, "inter 200ms");
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), cfg);
        haproxy = new ProcessBuilder(binary.get(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();

        // both servers up (their checks passed): each hint lands on its server, every time
        assertThat(awaitAnswer(lb, "/ws?node=lobby-two", "lobby-two")).isEqualTo("lobby-two");
        assertThat(awaitAnswer(lb, "/ws?node=lobby-one", "lobby-one")).isEqualTo("lobby-one");
        for (int i = 0; i < 10; i++) {
            assertThat(get(lb, "/ws?node=lobby-one")).isEqualTo("lobby-one");
            assertThat(get(lb, "/ws?node=lobby-two")).isEqualTo("lobby-two");
            assertThat(get(lb, "/ws?x=1&node=lobby-two")).isEqualTo("lobby-two");
        }
        // a name no rule knows, an empty one, none, a near miss: leastconn over both, as without hints
        Set<String> reached = new HashSet<>();
        for (String path : List.of("/ws?node=lobby-nine", "/ws?node=", "/ws", "/ws?node=LOBBY-TWO", "/ws?node=lobby-two-x")) {
            for (int i = 0; i < 6; i++) {
                String answer = get(lb, path);
                assertThat(answer).as(path).isIn("lobby-one", "lobby-two");
                reached.add(answer);
            }
        }
        assertThat(reached).containsExactlyInAnyOrder("lobby-one", "lobby-two");

        // the hinted server stops: once its check has marked it down, its hint falls back to the other server
        lobbyTwo.stop(0);
        assertThat(awaitAnswer(lb, "/ws?node=lobby-two", "lobby-one")).isEqualTo("lobby-one");
        for (int i = 0; i < 10; i++) assertThat(get(lb, "/ws?node=lobby-two")).isEqualTo("lobby-one");
        assertThat(haproxy.isAlive()).isTrue();
    }

    /** Every server of the shipped balancers has its hint rule, with its own name (a rule naming another is a typo). */
    @Test
    void everyShippedServerHasItsHintRule() throws IOException {
        for (String name : List.of("haproxy.cfg", "haproxy-ci.cfg")) {
            String cfg = Files.readString(CONFIGS.resolve(name));
            Matcher servers = Pattern.compile("(?m)^\\s*server\\s+(\\S+)\\s").matcher(cfg);
            Set<String> named = new HashSet<>();
            while (servers.find()) named.add(servers.group(1));
            assertThat(named).as(name).containsExactlyInAnyOrder("lobby-one", "lobby-two");
            for (String server : named) {
                assertThat(cfg).as(name).contains("use-server " + server + " if { urlp(node) -m str " + server + " }");
            }
            assertThat(cfg).as(name + ": persist would apply a rule of a down server")
                    .doesNotContainPattern("(?m)^\\s*(option\\s+persist|force-persist)");
        }
    }
}
