package dev.skirmish.gameserver.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/** The orchestrator's internal callback endpoints on a JDK HttpServer bound to loopback; records every call. */
public final class FakeOrchestrator implements AutoCloseable {
    public record Call(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> allocation = new AtomicReference<>();
    private final AtomicReference<String[]> assignment = new AtomicReference<>();

    public FakeOrchestrator() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/sessions/", this::handle);
        server.createContext("/internal/agones/", this::assignment);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on allocation polls get 200 with this body. */
    public void allocate(String json) {
        allocation.set(json);
    }

    /** An Agones server's match: 200 with this body for exactly this bearer credential, 401 otherwise. */
    public void assignment(String expectedAuthorization, String json) {
        assignment.set(new String[] {expectedAuthorization, json});
    }

    private void assignment(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().getPath(), auth, ""));
        String[] a = assignment.get();
        if (a == null || !a[0].equals(auth)) {
            ex.sendResponseHeaders(a == null ? 404 : 401, -1);
            ex.close();
            return;
        }
        byte[] out = a[1].getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String pathSuffix) {
        return calls.stream().filter(c -> c.path().endsWith(pathSuffix)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"), body));
        if (ex.getRequestURI().getPath().endsWith("/allocation")) {
            String a = allocation.get();
            if (a == null) {
                try {
                    Thread.sleep(200); // a short hold, like the real long poll
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                a = allocation.get();
            }
            if (a != null) {
                byte[] out = a.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
                return;
            }
        }
        ex.sendResponseHeaders(204, -1);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
