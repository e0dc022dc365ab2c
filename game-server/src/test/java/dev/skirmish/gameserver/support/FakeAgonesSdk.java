package dev.skirmish.gameserver.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the Agones SDK sidecar's REST API on loopback: records every call (with when it came), answers
 * GET /gameserver with a Ready GameServer until {@link #allocate} turns it Allocated with the session annotation.
 */
public final class FakeAgonesSdk implements AutoCloseable {
    public record Call(String method, String path, String body, long nanos) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final String name;
    private volatile String state = "Scheduled";
    private volatile String sessionId;

    public FakeAgonesSdk(String gameServerName) throws IOException {
        this.name = gameServerName;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What Agones does on a GameServerAllocation: state Allocated, the allocation's metadata applied. */
    public void allocate(String session) {
        sessionId = session;
        state = "Allocated";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        calls.add(new Call(ex.getRequestMethod(), path, body, System.nanoTime()));
        if (path.equals("/ready") && state.equals("Scheduled")) {
            state = "Ready";
        }
        String answer = "{}";
        if (path.equals("/gameserver")) {
            String annotations = sessionId == null ? "{}" : "{\"skirmish.dev/session-id\":\"" + sessionId + "\"}";
            answer = "{\"object_meta\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"annotations\":"
                    + annotations + ",\"labels\":{\"agones.dev/fleet\":\"skirmish-game-server\"}},"
                    + "\"status\":{\"state\":\"" + state + "\",\"address\":\"127.0.0.1\","
                    + "\"ports\":[{\"name\":\"default\",\"port\":7000}]}}";
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
