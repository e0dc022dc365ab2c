package dev.skirmish.gameserver.agones;

import dev.skirmish.gameserver.launch.UsageException;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an allocated server's match from the orchestrator:
 * {@code GET /internal/agones/gameservers/{name}/assignment} with the fleet credential as bearer token. A 404 is
 * retried for a while: the GameServer shows Allocated to us as soon as Agones allocated it, which can be before the
 * orchestrator has read the allocation's answer.
 */
final class Assignments {
    private static final Logger log = LoggerFactory.getLogger(Assignments.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final long WAIT_MILLIS = 30_000;
    private static final int TIMEOUT_MS = 5_000;

    private final String root;
    private final byte[] secret;

    Assignments(URI orchestratorUrl, byte[] secret) {
        this.root = orchestratorUrl.toString().replaceAll("/+$", "");
        this.secret = secret;
    }

    record Assignment(String sessionId, String sessionKeyBase64, List<String> players, int matchSeconds) {
        @Override
        public String toString() {
            return "Assignment[session=" + sessionId + "]";
        }
    }

    Assignment fetch(String gameServerName) throws IOException, InterruptedException {
        if (gameServerName == null || !gameServerName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw new IOException("the SDK gave no valid GameServer name: " + gameServerName);
        }
        String credential = FleetCredential.forName(secret, gameServerName);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String problem;
        do {
            HttpURLConnection c = (HttpURLConnection) URI.create(root + "/internal/agones/gameservers/"
                    + gameServerName + "/assignment").toURL().openConnection();
            try {
                c.setConnectTimeout(TIMEOUT_MS);
                c.setReadTimeout(TIMEOUT_MS);
                c.setInstanceFollowRedirects(false);
                c.setRequestProperty("Authorization", "Bearer " + credential);
                int status = c.getResponseCode();
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                String body = "";
                if (in != null) {
                    try (in) {
                        byte[] read = in.readNBytes(JsonTree.MAX_BYTES + 1);
                        if (read.length > JsonTree.MAX_BYTES) {
                            throw new IOException("assignment larger than " + JsonTree.MAX_BYTES + " bytes");
                        }
                        body = new String(read, StandardCharsets.UTF_8);
                    }
                }
                if (status == 200) {
                    return parse(body);
                }
                if (status != 404) {
                    // 401: the fleet secret is not the orchestrator's; waiting will not change that
                    throw new IOException("the orchestrator refused the assignment of " + gameServerName + ": "
                            + status);
                }
                problem = "404 (not known yet)";
            } catch (java.net.ConnectException | java.net.SocketTimeoutException e) {
                problem = e.toString();
            } finally {
                c.disconnect();
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new IOException("no assignment for GameServer " + gameServerName + " within " + WAIT_MILLIS + " ms: "
                + problem);
    }

    static Assignment parse(String body) throws IOException {
        try {
            Map<String, Object> a = JsonTree.object(body);
            if (!(a.get("sessionId") instanceof String id) || !SESSION_ID.matcher(id).matches()) {
                throw new IOException("assignment without a valid sessionId");
            }
            if (!(a.get("sessionKey") instanceof String key)) {
                throw new IOException("assignment without sessionKey");
            }
            ConnectTokens.decodeSessionKey(key); // checked here: a bad key is a bad assignment, not a crash later
            if (!(a.get("players") instanceof List<?> names) || !(a.get("matchSeconds") instanceof Long seconds)
                    || seconds < 1 || seconds > 3600) {
                throw new IOException("assignment without players or a matchSeconds of 1-3600");
            }
            log.info("assignment: session {}, {} players, {} s", id, names.size(), seconds);
            return new Assignment(id, key, AgonesMode.players(names), seconds.intValue());
        } catch (IllegalArgumentException | UsageException e) {
            throw new IOException("assignment not usable: " + e.getMessage());
        }
    }
}
