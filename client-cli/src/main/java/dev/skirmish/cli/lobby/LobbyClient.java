package dev.skirmish.cli.lobby;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lobby's REST API as docs/lobby-api.md and the lobby's controllers define it. Answers are returned as JSON
 * trees (field names are the lobby's); a refusal becomes a {@link LobbyException} carrying the problem detail.
 */
public final class LobbyClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;
    private volatile String token;
    /** When the token in {@link #token} expires, if the lobby said so (guest, refresh, me). */
    private volatile TokenExpiry expiry;
    /** The expiry of the last token the lobby handed out, for when the caller adopts that token. */
    private volatile TokenExpiry issued;
    /** The expiry of the token last refreshed: a refresh that ends no later cannot extend (sign-in's 24 h reached). */
    private volatile Instant refreshedFrom = Instant.MIN;
    private volatile java.util.function.Consumer<String> onRefresh = t -> { };
    private volatile CallObserver observer = CallObserver.NONE;
    /**
     * The room's home node from the last create or join answer (its {@code "node"}, a routing hint: docs/lobby-api.md),
     * null when that answer named none. Only a node name's characters are kept, so it cannot bend the STOMP URL.
     */
    private volatile String node;
    private static final java.util.regex.Pattern NODE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,32}");

    /** Told about every HTTP exchange (the bots measure the lobby with it). */
    @FunctionalInterface
    public interface CallObserver {
        CallObserver NONE = (operation, nanos, status) -> { };

        /**
         * @param operation method and path with ids replaced, e.g. {@code POST /api/rooms/{id}/join}
         * @param nanos     request sent → response read
         * @param status    HTTP status, 0 when the lobby could not be reached
         */
        void call(String operation, long nanos, int status);
    }

    public LobbyClient(String baseUrl, String token) {
        this(baseUrl, token, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public LobbyClient(String baseUrl, String token, HttpClient http) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
            throw new IllegalArgumentException("lobby URL must start with http:// or https://, got " + baseUrl);
        }
        this.token = token;
        this.http = http;
    }

    public void observer(CallObserver value) {
        this.observer = value == null ? CallObserver.NONE : value;
    }

    public URI base() {
        return base;
    }

    /**
     * ws(s)://host:port/ws, the lobby's STOMP endpoint, with {@code ?node=} when the last create or join answer named
     * the room's home node: a cluster's load balancer then sends the connection to that node (docs/scaling.md).
     */
    public URI webSocketUri() {
        String hint = node;
        return URI.create((base.getScheme().equals("https") ? "wss" : "ws") + "://" + base.getAuthority() + "/ws"
                + (hint == null ? "" : "?node=" + hint));
    }

    /** The routing hint {@link #webSocketUri()} carries (null: none). */
    public String node() {
        return node;
    }

    /** Keeps a create or join answer's {@code "node"}: absent, or not a node name, means no hint. */
    private JsonNode hinted(JsonNode room) {
        JsonNode n = room == null ? null : room.get("node");
        String name = n != null && n.isString() ? n.asString() : null;
        node = name != null && NODE_NAME.matcher(name).matches() ? name : null;
        return room;
    }

    public String token() {
        return token;
    }

    public void token(String value) {
        TokenExpiry last = issued;
        this.expiry = last != null && last.token().equals(value) ? last : null;
        this.token = value;
    }

    public JsonNode guest(String name) {
        return post("/api/players/guest", Map.of("name", name));
    }

    public JsonNode me() {
        return get("/api/players/me");
    }

    public JsonNode rooms(String state, int page, int size) {
        return get("/api/rooms?page=" + page + "&size=" + size + (state == null ? "" : "&state=" + enc(state)));
    }

    public JsonNode room(String roomId) {
        return get("/api/rooms/" + enc(roomId));
    }

    public JsonNode createRoom(String name, int capacity, boolean isPrivate) {
        return hinted(post("/api/rooms", Map.of("name", name, "capacity", capacity, "private", isPrivate)));
    }

    /** A room with its own match length (the lobby accepts {@code skirmish.lobby.min-match-seconds}..max). */
    public JsonNode createRoom(String name, int capacity, boolean isPrivate, int matchSeconds) {
        return hinted(post("/api/rooms", Map.of("name", name, "capacity", capacity, "private", isPrivate, "matchSeconds", matchSeconds)));
    }

    public JsonNode join(String roomId, String code) {
        return hinted(post("/api/rooms/" + enc(roomId) + "/join", code == null ? Map.of() : Map.of("code", code)));
    }

    public JsonNode joinByCode(String code) {
        return hinted(post("/api/rooms/join-by-code", Map.of("code", code)));
    }

    public JsonNode leave(String roomId) {
        return post("/api/rooms/" + enc(roomId) + "/leave", Map.of());
    }

    public JsonNode ready(String roomId, boolean ready) {
        return post("/api/rooms/" + enc(roomId) + "/ready", Map.of("ready", ready));
    }

    public JsonNode start(String roomId) {
        return post("/api/rooms/" + enc(roomId) + "/start", Map.of());
    }

    public JsonNode roomChat(String roomId, int size) {
        return get("/api/rooms/" + enc(roomId) + "/chat?size=" + size);
    }

    public JsonNode matches(String player, int size) {
        return get("/api/matches?size=" + size + "&player=" + enc(player));
    }

    public JsonNode match(String matchId) {
        return get("/api/matches/" + enc(matchId));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Trades the current (possibly just expired) token for a fresh one; the lobby allows this for a grace period. */
    public JsonNode refresh() {
        TokenExpiry before = expiry;
        JsonNode s = send(request("/api/players/refresh").POST(HttpRequest.BodyPublishers.noBody()).build());
        if (before != null) {
            refreshedFrom = before.expiresAt();
        }
        token(s.get("token").asString());
        onRefresh.accept(token);
        return s;
    }

    /**
     * Refreshes the token ahead of its expiry, so that a long session (play, bots) never holds an expired one: when
     * less than a quarter of its life (at most 5 min) is left. Cheap to call often: it asks the lobby only when it
     * does not know the expiry yet or a refresh is due. Stops refreshing once a refresh no longer extends the token
     * (the sign-in's absolute lifetime, 24 h by default, is reached; then only a new login helps).
     *
     * @return true when the token changed (a STOMP connection opened with the old one should reconnect)
     */
    public synchronized boolean keepFresh() {
        if (token == null) {
            return false;
        }
        String before = token;
        TokenExpiry e = expiry;
        if (e == null) {
            me(); // learns the expiry; refreshes on the way if the token already expired
            e = expiry;
            if (e == null) {
                return !before.equals(token);
            }
        }
        long margin = Math.min(e.lifetimeNanos() / 4, Duration.ofMinutes(5).toNanos());
        if (e.deadlineNanos() - System.nanoTime() > margin || !e.expiresAt().isAfter(refreshedFrom)) {
            return !before.equals(token);
        }
        refresh();
        return !before.equals(token);
    }

    private void observeExpiry(HttpRequest req, HttpResponse<String> res, JsonNode body) {
        TokenExpiry e = TokenExpiry.of(req, res, body);
        if (e == null) {
            return;
        }
        if (body.hasNonNull("token")) {
            issued = e;
        }
        if (e.token().equals(token)) {
            expiry = e;
        }
    }

    /** Called with the new token after an automatic refresh, so the caller can store it. */
    public void onTokenRefreshed(java.util.function.Consumer<String> listener) {
        this.onRefresh = listener;
    }

    private JsonNode get(String path) {
        return retryingOnExpiry(() -> request(path).GET().build());
    }

    private JsonNode post(String path, Object body) {
        String json = JSON.writeValueAsString(body);
        return retryingOnExpiry(() -> request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A 401 with a token we hold: the token probably expired; refresh it once and repeat the request. */
    private JsonNode retryingOnExpiry(java.util.function.Supplier<HttpRequest> request) {
        try {
            return send(request.get());
        } catch (LobbyException e) {
            if (e.status() != 401 || token == null) {
                throw e;
            }
            try {
                refresh();
            } catch (LobbyException refreshFailed) {
                throw new LobbyException(401, "UNAUTHORIZED", e.getMessage() + "; log in again with `skirmish login --name <name>`");
            }
            return send(request.get());
        }
    }

    private HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private JsonNode send(HttpRequest req) {
        HttpResponse<String> res;
        long started = System.nanoTime();
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString());
            observer.call(operation(req), System.nanoTime() - started, res.statusCode());
        } catch (IOException e) {
            observer.call(operation(req), System.nanoTime() - started, 0);
            throw new LobbyException(0, "UNREACHABLE", "cannot reach the lobby at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LobbyException(0, "INTERRUPTED", "interrupted");
        }
        JsonNode body = parse(res.body());
        if (res.statusCode() >= 200 && res.statusCode() < 300) {
            observeExpiry(req, res, body);
            return body;
        }
        String detail = text(body, "detail");
        if (detail == null) {
            detail = text(body, "title");
        }
        if (detail == null) {
            detail = "HTTP " + res.statusCode();
        }
        throw new LobbyException(res.statusCode(), text(body, "code"), detail);
    }

    private static final java.util.regex.Pattern ID_SEGMENT = java.util.regex.Pattern.compile("/[0-9a-fA-F-]{16,}(?=/|$)");

    /** {@code POST /api/rooms/{id}/join}: the method and the path without query and with ids folded. */
    static String operation(HttpRequest req) {
        return req.method() + " " + ID_SEGMENT.matcher(req.uri().getPath()).replaceAll("/{id}");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("detail", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
