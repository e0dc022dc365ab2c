package dev.skirmish.gameserver.agones;

import dev.skirmish.gameserver.report.HttpCall;
import java.io.IOException;
import java.net.HttpURLConnection;
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
        HttpURLConnection c = HttpCall.open(base + path, method, TIMEOUT_MS, TIMEOUT_MS);
        try {
            HttpCall.Answer a = HttpCall.exchange(c, body, JsonTree.MAX_BYTES, "SDK " + path);
            if (a.status() / 100 != 2) {
                throw new IOException("SDK " + method + " " + path + " answered " + a.status());
            }
            return a.body();
        } catch (IOException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }

    private static String quote(String s) {
        return dev.skirmish.gameserver.report.Json.string(s);
    }
}
