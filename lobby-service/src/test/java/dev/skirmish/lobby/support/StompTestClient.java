package dev.skirmish.lobby.support;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/** A real STOMP-over-WebSocket client (Spring's WebSocketStompClient) with queues per subscription. */
public final class StompTestClient implements AutoCloseable {
    private final WebSocketStompClient client;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    /** ERROR frames' messages; the server closes the connection after one. */
    public final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    public final List<Throwable> transportErrors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<StompSession> connected = new CompletableFuture<>();
    private StompSession session;
    /** The server's CONNECTED frame headers. */
    public volatile StompHeaders connectedHeaders;
    /** {@code /user/queue/errors}, subscribed on connect. */
    public BlockingQueue<JsonNode> userErrors;

    private StompTestClient() {
        scheduler.setPoolSize(1);
        scheduler.initialize();
        client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setTaskScheduler(scheduler);
        client.setDefaultHeartbeat(new long[] {10_000, 10_000});
    }

    /** Connects and waits for CONNECTED; token may be null to send no Authorization header. */
    public static StompTestClient connect(int port, String token) {
        return connect(port, "/ws", token);
    }

    /** {@link #connect(int, String)} to another path of the endpoint, e.g. {@code /ws?node=...} (a routing hint). */
    public static StompTestClient connect(int port, String path, String token) {
        var c = new StompTestClient();
        c.start(port, path, token);
        try {
            c.session = c.connected.get(10, TimeUnit.SECONDS);
            c.userErrors = c.subscribe("/user/queue/errors");
        } catch (Exception e) {
            c.close();
            throw new AssertionError("STOMP connect failed: " + c.errors + " " + c.transportErrors, e);
        }
        return c;
    }

    /** Connects without waiting: for tests that expect the CONNECT to be refused. */
    public static StompTestClient attempt(int port, String token) {
        var c = new StompTestClient();
        c.start(port, "/ws", token);
        return c;
    }

    private void start(int port, String path, String token) {
        var stompHeaders = new StompHeaders();
        if (token != null) stompHeaders.add("Authorization", "Bearer " + token);
        // a URI, not a template: a query given here reaches the server exactly as written (no re-encoding)
        client.connectAsync(java.net.URI.create("ws://127.0.0.1:" + port + path), new WebSocketHttpHeaders(), stompHeaders, new StompSessionHandlerAdapter() {
            @Override
            public void afterConnected(StompSession s, StompHeaders connectedHeaders) {
                StompTestClient.this.connectedHeaders = connectedHeaders;
                connected.complete(s);
            }

            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                errors.add(headers.getFirst("message") + (payload instanceof byte[] b ? " " + new String(b) : ""));
            }

            @Override
            public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload, Throwable exception) {
                transportErrors.add(exception);
            }

            @Override
            public void handleTransportError(StompSession s, Throwable exception) {
                transportErrors.add(exception);
            }
        });
    }

    public boolean isConnected() {
        return session != null && session.isConnected();
    }

    public BlockingQueue<JsonNode> subscribe(String destination) {
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                queue.add(Http.JSON.readTree((byte[]) payload));
            }
        });
        return queue;
    }

    /** A subscription whose SUBSCRIBE frame asks for a receipt; {@code receipt} completes when the RECEIPT frame arrives. */
    public record Receipted(BlockingQueue<JsonNode> messages, CompletableFuture<Void> receipt) {
    }

    public Receipted subscribeWithReceipt(String destination) {
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        var receipt = new CompletableFuture<Void>();
        var headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt("r-" + java.util.UUID.randomUUID());
        var subscription = session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders h) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders h, Object payload) {
                queue.add(Http.JSON.readTree((byte[]) payload));
            }
        });
        subscription.addReceiptTask(() -> receipt.complete(null));
        subscription.addReceiptLostTask(() -> receipt.completeExceptionally(new AssertionError("no RECEIPT for SUBSCRIBE " + destination)));
        return new Receipted(queue, receipt);
    }

    public void send(String destination, String json) {
        var headers = new StompHeaders();
        headers.setDestination(destination);
        headers.set("content-type", "application/json");
        session.send(headers, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void chat(String destination, String text) {
        send(destination, Http.JSON.writeValueAsString(java.util.Map.of("text", text)));
    }

    /** Waits for the next message on the queue that matches {@code type} (skipping others). */
    public static JsonNode next(BlockingQueue<JsonNode> queue, String type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                JsonNode n = queue.poll(100, TimeUnit.MILLISECONDS);
                if (n != null && (type == null || type.equals(n.path("type").asString()))) return n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no message of type " + type + " within 10 s");
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isConnected()) session.disconnect();
        } catch (RuntimeException ignored) {
            // already closed by the server
        }
        client.stop();
        scheduler.shutdown();
    }
}
