package dev.skirmish.cli.stomp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small STOMP 1.2 client over the JDK WebSocket: CONNECT with a bearer token, SUBSCRIBE, SEND, heartbeats both
 * ways. Messages are delivered on the WebSocket's thread to the subscription's handler (keep handlers short).
 */
public final class StompClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StompClient.class);
    /** What we offer: send a heartbeat every 10 s, expect one at least every 10 s (the lobby's own setting). */
    static final long HEARTBEAT_MILLIS = 10_000;

    private final Map<String, Consumer<StompFrame>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<StompFrame> connected = new CompletableFuture<>();
    private final CompletableFuture<String> closedFuture = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofVirtual().unstarted(r));
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile long lastReceived = System.currentTimeMillis();
    private volatile boolean closing;
    private volatile Consumer<StompFrame> errorHandler = f -> log.warn("STOMP ERROR: {} {}", f.header("message"), f.body());
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    private StompClient() {
    }

    /** Opens the WebSocket and completes the STOMP handshake; {@link StompException} if refused or unreachable. */
    public static StompClient connect(URI uri, String bearerToken, Duration timeout) {
        StompClient c = new StompClient();
        try {
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(uri, c.new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            c.sendFrame(StompFrame.of("CONNECT", "accept-version", "1.2", "host", uri.getHost(),
                    "heart-beat", HEARTBEAT_MILLIS + "," + HEARTBEAT_MILLIS, "Authorization", "Bearer " + bearerToken));
            StompFrame reply = c.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            c.startHeartbeats(reply.header("heart-beat"));
            return c;
        } catch (ExecutionException e) {
            c.close();
            Throwable cause = e.getCause();
            throw cause instanceof StompException se ? se : new StompException("cannot connect to " + uri + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            c.close();
            throw new StompException("no STOMP CONNECTED from " + uri + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new StompException("interrupted while connecting");
        }
    }

    private void startHeartbeats(String serverHeartbeat) {
        long sx = 0;
        long sy = 0;
        if (serverHeartbeat != null && serverHeartbeat.contains(",")) {
            String[] p = serverHeartbeat.split(",");
            sx = Long.parseLong(p[0].strip());
            sy = Long.parseLong(p[1].strip());
        }
        if (sy > 0) {
            long every = Math.max(HEARTBEAT_MILLIS, sy);
            timer.scheduleAtFixedRate(() -> sendRaw("\n"), every, every, TimeUnit.MILLISECONDS);
        }
        if (sx > 0) {
            long expect = Math.max(HEARTBEAT_MILLIS, sx);
            timer.scheduleAtFixedRate(() -> {
                if (System.currentTimeMillis() - lastReceived > 3 * expect) {
                    log.warn("no STOMP traffic for {} ms: closing", 3 * expect);
                    close();
                }
            }, expect, expect, TimeUnit.MILLISECONDS);
        }
    }

    /** Subscribes; returns the subscription id. */
    public String subscribe(String destination, Consumer<StompFrame> handler) {
        String id = "sub-" + ids.incrementAndGet();
        subscriptions.put(id, handler);
        sendFrame(StompFrame.of("SUBSCRIBE", "id", id, "destination", destination));
        return id;
    }

    public void unsubscribe(String id) {
        subscriptions.remove(id);
        sendFrame(StompFrame.of("UNSUBSCRIBE", "id", id));
    }

    public void send(String destination, String json) {
        sendFrame(StompFrame.of("SEND", "destination", destination).withBody("application/json", json));
    }

    public void onError(Consumer<StompFrame> handler) {
        this.errorHandler = handler;
    }

    /** Completes with a reason when the connection ends (closed by either side, error or heartbeat loss). */
    public CompletableFuture<String> closed() {
        return closedFuture;
    }

    public boolean isOpen() {
        return !closedFuture.isDone();
    }

    private void sendFrame(StompFrame frame) {
        sendRaw(frame.encode());
    }

    private synchronized void sendRaw(String text) {
        WebSocket ws = socket;
        if (ws == null || closedFuture.isDone()) {
            return;
        }
        // the JDK WebSocket allows one outstanding send: chain them
        sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        closing = true;
        if (ws != null && !closedFuture.isDone()) {
            sendFrame(StompFrame.of("DISCONNECT"));
            try {
                sending.get(2, TimeUnit.SECONDS);
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
        closedFuture.complete("closed by client");
        timer.shutdownNow();
    }

    private void dispatch(StompFrame f) {
        switch (f.command()) {
            case "CONNECTED" -> connected.complete(f);
            case "MESSAGE" -> {
                Consumer<StompFrame> h = subscriptions.get(f.header("subscription"));
                if (h != null) {
                    try {
                        h.accept(f);
                    } catch (RuntimeException e) {
                        log.warn("STOMP handler for {} failed: {}", f.header("destination"), e.toString());
                    }
                }
            }
            case "ERROR" -> {
                String msg = f.header("message") != null ? f.header("message") : f.body();
                if (!connected.isDone()) {
                    connected.completeExceptionally(new StompException("refused: " + msg));
                } else if (closing) {
                    // the broker answers our DISCONNECT on a closing socket with "Session closed": expected
                    log.debug("STOMP ERROR while closing: {}", msg);
                } else {
                    errorHandler.accept(f);
                }
            }
            default -> log.debug("ignoring STOMP {}", f.command());
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            lastReceived = System.currentTimeMillis();
            partial.append(data);
            if (partial.length() > StompFrame.MAX_FRAME_CHARS) {
                partial.setLength(0);
                log.warn("dropping an oversized STOMP frame");
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                // one WebSocket message may hold a heartbeat only, or frames separated by NUL
                for (String part : text.split("\0")) {
                    if (!part.isBlank()) {
                        try {
                            dispatch(StompFrame.decode(part));
                        } catch (RuntimeException e) {
                            log.warn("bad STOMP frame: {}", e.getMessage());
                        }
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            String why = "closed by the lobby (" + status + (reason.isEmpty() ? "" : " " + reason) + ")";
            connected.completeExceptionally(new StompException(why));
            closedFuture.complete(why);
            timer.shutdownNow();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            String why = "connection lost: " + error.getMessage();
            connected.completeExceptionally(new StompException(why));
            closedFuture.complete(why);
            timer.shutdownNow();
        }
    }
}
