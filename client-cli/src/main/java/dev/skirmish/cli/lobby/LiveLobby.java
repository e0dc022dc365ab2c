package dev.skirmish.cli.lobby;

import dev.skirmish.cli.stomp.StompClient;
import dev.skirmish.cli.stomp.StompException;
import dev.skirmish.cli.stomp.StompFrame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A lobby STOMP connection that outlives its token, for the commands that stay longer than one (play, bots). The
 * lobby closes a connection whose token expired with an ERROR frame {@code TOKEN_EXPIRED} (docs/lobby-api.md);
 * {@link #maintain()}, called often by the command's loop, refreshes the token ahead of its expiry and moves the
 * subscriptions to a connection opened with the new one, and reopens a connection that was closed anyway.
 *
 * <p>The new connection is subscribed before the old one closes, so no match assignment falls into a gap; a message
 * that both deliver in that overlap is handed to its handler once.
 */
public final class LiveLobby implements AutoCloseable {
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);
    /** How long after a swap a message equal to one already delivered counts as the old connection's copy. */
    private static final long OVERLAP_NANOS = Duration.ofSeconds(3).toNanos();
    private static final int OVERLAP_MEMORY = 256;

    private final LobbyClient lobby;
    private final Duration timeout;
    private final Map<Subscription, String> subscriptions = new ConcurrentHashMap<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private volatile StompClient stomp;
    private volatile String stompToken;
    /** The URI the current connection was opened with: a new room's home node in it means one reconnect. */
    private volatile java.net.URI stompUri;
    private volatile String closedBecause;
    private volatile Consumer<StompFrame> errors = f -> { };
    private volatile long overlapUntil;
    private long lastAttempt;

    /** A subscription that survives reconnects: the same handler on whichever connection is current. */
    public static final class Subscription {
        private final String destination;
        private final Consumer<StompFrame> handler;

        private Subscription(String destination, Consumer<StompFrame> handler) {
            this.destination = destination;
            this.handler = handler;
        }
    }

    /** What {@link #maintain()} did, for the command's status line. */
    public enum Outcome { NOTHING, RENEWED, RECONNECTED }

    public LiveLobby(LobbyClient lobby, Duration timeout) {
        this.lobby = lobby;
        this.timeout = timeout;
    }

    /** Opens the first connection; {@link StompException} if the lobby refuses or cannot be reached. */
    public LiveLobby connect() {
        lobby.keepFresh();
        StompClient c = open(lobby.token());
        for (Subscription s : subscriptions.keySet()) {
            subscriptions.put(s, c.subscribe(s.destination, f -> deliver(s, f)));
        }
        stomp = c;
        return this;
    }

    /** ERROR frames other than the token's own end (refusals of a SEND or SUBSCRIBE, limits). */
    public void onError(Consumer<StompFrame> handler) {
        this.errors = handler;
    }

    public Subscription subscribe(String destination, Consumer<StompFrame> handler) {
        Subscription s = new Subscription(destination, handler);
        StompClient c = stomp;
        subscriptions.put(s, c != null && c.isOpen() ? c.subscribe(destination, f -> deliver(s, f)) : "");
        return s;
    }

    public void unsubscribe(Subscription s) {
        String id = subscriptions.remove(s);
        StompClient c = stomp;
        if (id != null && !id.isEmpty() && c != null) {
            c.unsubscribe(id);
        }
    }

    public void send(String destination, String json) {
        stomp.send(destination, json);
    }

    public boolean isOpen() {
        StompClient c = stomp;
        return c != null && c.isOpen();
    }

    /** Why the last connection ended (null while open), e.g. the lobby's TOKEN_EXPIRED. */
    public String closedBecause() {
        return isOpen() ? null : closedBecause;
    }

    /**
     * Keeps the token fresh and the connection open: a refreshed token gets a new connection at once; a closed
     * connection is reopened, at most every 2 s, after a refresh if the lobby said the token expired. A create or join
     * whose answer named another home node than the open connection was made for ({@link LobbyClient#webSocketUri()})
     * also gets a new connection at once, through the load balancer to that node (room affinity, docs/scaling.md):
     * once, since the new connection is made with that hint.
     *
     * @throws LobbyException when the lobby refuses to refresh (the sign-in's absolute lifetime passed: log in again)
     * @throws StompException when a new connection cannot be opened (the next call tries again)
     */
    public synchronized Outcome maintain() {
        boolean renewed = lobby.keepFresh();
        StompClient current = stomp;
        boolean open = current != null && current.isOpen();
        if (open && !renewed && lobby.token().equals(stompToken) && lobby.webSocketUri().equals(stompUri)) {
            return Outcome.NOTHING;
        }
        if (!open) {
            if (System.nanoTime() - lastAttempt < RETRY_EVERY.toNanos()) {
                return Outcome.NOTHING;
            }
            lastAttempt = System.nanoTime();
            String why = closedBecause;
            if (!renewed && why != null && why.contains("TOKEN_EXPIRED")) {
                lobby.refresh();
            }
        }
        StompClient next;
        try {
            next = open(lobby.token());
        } catch (StompException e) {
            if (e.getMessage() == null || !e.getMessage().contains("TOKEN_EXPIRED")) {
                throw e;
            }
            lobby.refresh();
            next = open(lobby.token());
        }
        overlapUntil = System.nanoTime() + OVERLAP_NANOS;
        for (Subscription s : subscriptions.keySet()) {
            subscriptions.put(s, next.subscribe(s.destination, f -> deliver(s, f)));
        }
        stomp = next;
        if (current != null) {
            current.close();
        }
        return open ? Outcome.RENEWED : Outcome.RECONNECTED;
    }

    private StompClient open(String token) {
        java.net.URI uri = lobby.webSocketUri();
        StompClient c = StompClient.connect(uri, token, timeout);
        stompToken = token;
        stompUri = uri;
        closedBecause = null;
        c.onError(f -> {
            String msg = f.header("message") != null ? f.header("message") : f.body();
            String code = f.header("code");
            if (c != stomp) {
                return; // the connection being replaced
            }
            if ((code != null && code.startsWith("TOKEN_")) || (msg != null && msg.startsWith("TOKEN_"))) {
                closedBecause = code != null ? code + ": " + msg : msg;
            } else {
                errors.accept(f);
            }
        });
        c.closed().thenAccept(why -> {
            if (c == stomp && closedBecause == null) {
                closedBecause = why;
            }
        });
        return c;
    }

    private void deliver(Subscription s, StompFrame f) {
        if (System.nanoTime() < overlapUntil && !firstTime(s.destination + '\n' + f.body())) {
            return;
        }
        s.handler.accept(f);
    }

    private boolean firstTime(String key) {
        synchronized (recent) {
            if (recent.contains(key)) {
                return false;
            }
            recent.addLast(key);
            if (recent.size() > OVERLAP_MEMORY) {
                recent.removeFirst();
            }
            return true;
        }
    }

    @Override
    public void close() {
        StompClient c = stomp;
        if (c != null) {
            c.close();
        }
    }
}
