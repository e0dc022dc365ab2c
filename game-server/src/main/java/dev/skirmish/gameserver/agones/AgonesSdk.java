package dev.skirmish.gameserver.agones;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Agones SDK sidecar's REST API on 127.0.0.1:{@code AGONES_SDK_HTTP_PORT} (Agones' docs, "REST Game Server
 * Client API"), over {@link HttpURLConnection} like the orchestrator callbacks (no java.net.http: start-up cost).
 */
public final class AgonesSdk {
    private static final int TIMEOUT_MS = 3_000;

    private final String base;

    public AgonesSdk(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The GameServer as the sidecar sees it: name, state and the annotation the orchestrator's allocation set. */
    public record GameServerInfo(String name, String state, String sessionId) {
    }

    public void ready() throws IOException {
        post("/ready", "{}");
    }

    public void health() throws IOException {
        post("/health", "{}");
    }

    public void shutdown() throws IOException {
        post("/shutdown", "{}");
    }

    /** Player tracking (alpha in Agones): the GameServer's status lists who is connected. */
    public void playerConnect(String playerId) throws IOException {
        post("/alpha/player/connect", "{\"playerID\":" + quote(playerId) + "}");
    }

    public void playerDisconnect(String playerId) throws IOException {
        post("/alpha/player/disconnect", "{\"playerID\":" + quote(playerId) + "}");
    }

    /** GET /gameserver: the REST gateway's JSON uses the proto field names (object_meta, status.state). */
    public GameServerInfo gameServer() throws IOException {
        Map<String, Object> gs = JsonTree.object(call("GET", "/gameserver", null));
        Object name = JsonTree.at(gs, "object_meta", "name");
        Object state = JsonTree.at(gs, "status", "state");
        Object session = JsonTree.at(gs, "object_meta", "annotations", AgonesMode.SESSION_ANNOTATION);
        return new GameServerInfo(name == null ? null : name.toString(), state == null ? "" : state.toString(),
                session == null ? null : session.toString());
    }

    private void post(String path, String body) throws IOException {
        call("POST", path, body);
    }

    private String call(String method, String path, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        try {
            c.setRequestMethod(method);
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                c.setRequestProperty("Content-Type", "application/json");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = "";
            if (in != null) {
                try (in) {
                    byte[] read = in.readNBytes(JsonTree.MAX_BYTES + 1);
                    if (read.length > JsonTree.MAX_BYTES) {
                        c.disconnect();
                        throw new IOException("SDK " + path + " answer larger than " + JsonTree.MAX_BYTES + " bytes");
                    }
                    text = new String(read, StandardCharsets.UTF_8);
                }
            }
            if (status / 100 != 2) {
                throw new IOException("SDK " + method + " " + path + " answered " + status);
            }
            return text;
        } catch (IOException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }

    private static String quote(String s) {
        return dev.skirmish.gameserver.report.Json.string(s);
    }
}
