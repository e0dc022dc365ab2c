package dev.skirmish.orchestrator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real orchestrator (embedded Tomcat, H2 file DB in a temp dir) started per test, plus a plain JDK HTTP client.
 * Started with SpringApplicationBuilder rather than @SpringBootTest so a test can stop it and start it again on
 * the same database and port (restart re-adoption).
 */
final class TestOrchestrator implements AutoCloseable {
    static final String SERVICE_KEY = "test-service-key";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final int port;
    final Path dir;
    final ConfigurableApplicationContext context;
    /*
     * Generous: ConcurrentAllocationTest opens 100 connections at once, more than Tomcat's accept queue (100) holds
     * while a loaded machine's acceptor lags; a refused SYN is only sent again after 1 s, 3 s, 7 s, 15 s.
     */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /**
     * This JVM's move of the tests' UDP port ranges. Tests write the game servers' ranges as 7xxx ({@link #udp});
     * each test JVM moves them by its own random thousands (staying below Linux's ephemeral ports, 32768), so two
     * builds on one machine (CI while others build) do not probe and bind the same ports at the same time: a port
     * free when the pool probed it and taken before the game server bound it failed the launch (a 502 with no
     * session id, as HeartbeatStatsTest once saw).
     */
    static final int UDP_SHIFT = 1000 * java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 24);

    /** A game-server UDP port of this JVM's ranges: {@code nominal} (7000-7999) moved by {@link #UDP_SHIFT}. */
    static int udp(int nominal) {
        return nominal + UDP_SHIFT;
    }

    private TestOrchestrator(int port, Path dir, ConfigurableApplicationContext context) {
        this.port = port;
        this.dir = dir;
        this.context = context;
    }

    static Map<String, Object> defaults(Path dir, Path jar) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        p.put("skirmish.service-key", SERVICE_KEY);
        p.put("skirmish.orchestrator.game-server-jar", jar.toString());
        p.put("skirmish.orchestrator.data-dir", dir.toAbsolutePath().toString());
        p.put("skirmish.orchestrator.port-range-start", udp(7700));
        p.put("skirmish.orchestrator.port-range-end", udp(7799));
        p.put("skirmish.orchestrator.ready-timeout", "15s");
        p.put("skirmish.orchestrator.stop-grace", "3s");
        p.put("skirmish.orchestrator.stop-sessions-on-shutdown", true);
        // the AOT-cache training run would take a port from the small pools the tests count on (StartupCacheTest
        // and the benchmark turn it on)
        p.put("skirmish.orchestrator.app-cds", false);
        p.put("skirmish.orchestrator.lobby-events-url", "http://127.0.0.1:9/events");
        p.put("skirmish.orchestrator.allocation-poll-timeout", "2s");
        p.put("logging.level.dev.skirmish", "DEBUG");
        return p;
    }

    static TestOrchestrator start(Path dir, int port, Map<String, Object> props) {
        Map<String, Object> all = new HashMap<>(props);
        all.put("server.port", port);
        // command-line arguments outrank application.yml (builder "properties" would not)
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(OrchestratorApplication.class).run(args);
        return new TestOrchestrator(port, dir, ctx);
    }

    /** On a free port, launching the fake game server, with {@code extra} over the {@link #defaults}. */
    static TestOrchestrator startWithFakeServer(Path dir, Map<String, Object> extra) {
        Map<String, Object> p = defaults(dir, TestJars.fakeServerJar());
        p.putAll(extra);
        return start(dir, freeTcpPort(), p);
    }

    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> send(String method, String path, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST with the service key over {@code HttpURLConnection} on the calling thread: {status, body}. */
    String[] postBlocking(String path, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setConnectTimeout(5000);
            c.setReadTimeout(60_000);
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Authorization", "Bearer " + SERVICE_KEY);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            c.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                // read to the end, so the connection goes back to the keep-alive cache
                return new String[] {Integer.toString(status), in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8)};
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body, SERVICE_KEY);
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, SERVICE_KEY);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, SERVICE_KEY);
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    JsonNode session(String id) {
        return json(get("/api/sessions/" + id));
    }

    static String createBody(String room, int matchSeconds, String... names) {
        StringBuilder sb = new StringBuilder("{\"roomId\":\"" + room + "\",\"matchSeconds\":" + matchSeconds + ",\"players\":[");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"p-").append(names[i]).append("\",\"name\":\"").append(names[i]).append("\"}");
        }
        return sb.append("]}").toString();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
