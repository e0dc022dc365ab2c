package dev.skirmish.gameserver.report;

import dev.skirmish.gameserver.launch.ArgsParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The callbacks of docs/orchestrator-api.md over java.net.http, authenticated with the session key. */
public final class OrchestratorClient implements Reporter {
    private static final Logger log = LoggerFactory.getLogger(OrchestratorClient.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** Longer than the orchestrator's 25 s hold. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(35);
    private static final int ATTEMPTS = 3;
    private static final int MAX_ALLOCATION_BYTES = 16_384;
    private static final Pattern PLAYERS = Pattern.compile("\"players\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern SECONDS = Pattern.compile("\"matchSeconds\"\\s*:\\s*(\\d{1,5})");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private final URI base;
    private final String authorization;
    private final int defaultMatchSeconds;

    public OrchestratorClient(URI orchestratorUrl, String sessionId, String base64SessionKey, int defaultMatchSeconds) {
        String root = orchestratorUrl.toString().replaceAll("/+$", "");
        this.base = URI.create(root + "/internal/sessions/" + sessionId + "/");
        this.authorization = "Bearer " + base64SessionKey;
        this.defaultMatchSeconds = defaultMatchSeconds;
    }

    @Override
    public void ready(String address, int port, boolean warm) {
        String body = "{\"address\":" + Json.string(address) + ",\"port\":" + port + ",\"pid\":"
                + ProcessHandle.current().pid() + ",\"warm\":" + warm + "}";
        if (!postWithRetries("ready", body)) {
            throw new IllegalStateException("the orchestrator at " + base + " did not take READY");
        }
    }

    @Override
    public void heartbeat(Heartbeat heartbeat) {
        http.sendAsync(post("heartbeat", heartbeat.toJson()), HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> {
                    if (e != null) {
                        log.debug("heartbeat not delivered: {}", e.toString());
                    } else if (r.statusCode() / 100 != 2) {
                        log.warn("heartbeat answered {}", r.statusCode());
                    }
                });
    }

    @Override
    public void result(MatchReport report) {
        if (postWithRetries("result", report.toJson())) {
            log.info("result reported: {}", report.reason());
        } else {
            log.error("result could not be reported: {}", report.toJson());
        }
    }

    @Override
    public Optional<Allocation> awaitAllocation() throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("allocation")).timeout(POLL_TIMEOUT)
                .header("Authorization", authorization).GET().build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return Optional.of(parseAllocation(r.body()));
            }
            if (r.statusCode() != 204) {
                log.warn("allocation poll answered {}", r.statusCode());
                Thread.sleep(1000); // not a busy loop against a failing orchestrator
            }
        } catch (IOException e) {
            log.warn("allocation poll failed: {}", e.toString());
            Thread.sleep(1000);
        }
        return Optional.empty();
    }

    Allocation parseAllocation(String body) {
        if (body == null || body.length() > MAX_ALLOCATION_BYTES) {
            throw new IllegalArgumentException("allocation body missing or too large");
        }
        Matcher m = PLAYERS.matcher(body);
        if (!m.find()) {
            throw new IllegalArgumentException("allocation without players: " + body);
        }
        List<String> names = new ArrayList<>();
        Matcher s = STRING.matcher(m.group(1));
        while (s.find()) {
            names.add(s.group(1));
        }
        List<String> checked = ArgsParser.players(String.join(",", names));
        Matcher sec = SECONDS.matcher(body);
        int seconds = sec.find() ? Integer.parseInt(sec.group(1)) : defaultMatchSeconds;
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("allocation matchSeconds out of range: " + seconds);
        }
        return new Allocation(checked, seconds);
    }

    private boolean postWithRetries(String path, String body) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> r = http.send(post(path, body), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return true;
                }
                log.warn("{} answered {} (attempt {}/{})", path, r.statusCode(), attempt, ATTEMPTS);
                if (r.statusCode() / 100 == 4) {
                    return false; // the orchestrator refuses it: retrying will not help
                }
            } catch (IOException e) {
                log.warn("{} failed: {} (attempt {}/{})", path, e.toString(), attempt, ATTEMPTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
