package dev.skirmish.lobby.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny REST client over the JDK HttpClient, as a game client would use. */
public final class Http {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Reply(int status, JsonNode body, String raw) {
    }

    private final HttpClient client;
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client whose connections come from {@code localAddress} (any 127.x.y.z on Linux): another client address. */
    public Http(int port, String localAddress) {
        this.base = "http://127.0.0.1:" + port;
        try {
            this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(java.net.InetAddress.getByName(localAddress)).build();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The whole reply, headers included. */
    public HttpResponse<String> exchange(String method, String path, String token, String json) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    /** A GET with one header of the caller's choosing (and no bearer token). */
    public Reply getWithHeader(String path, String name, String value) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header(name, value).GET(), null);
    }

    public Reply post(String path, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)), token);
    }

    /** Signs in a guest and returns its token (asserting 201). */
    public JsonNode guest(String name) {
        Reply r = post("/api/players/guest", null, "{\"name\":\"" + name + "\"}");
        if (r.status() != 201) throw new AssertionError("guest " + name + ": " + r.status() + " " + r.raw());
        return r.body();
    }

    private Reply send(HttpRequest.Builder b, String token) {
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> resp = client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            boolean json = resp.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = json && !resp.body().isEmpty() ? JSON.readTree(resp.body()) : null;
            return new Reply(resp.statusCode(), body, resp.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
