package dev.skirmish.gameserver.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callbacks of docs/orchestrator-api.md, authenticated with the session key, over {@link HttpURLConnection}
 * (keep-alive, http or https). Not java.net.http: its client initialises an SSL context, a selector thread and
 * ~500 classes even for plain http, which cost a cold start ~80-100 ms between the bound UDP port and the READY
 * callback (numbers in docs/benchmarks.md).
 */
public final class OrchestratorClient implements Reporter {
    private static final Logger log = LoggerFactory.getLogger(OrchestratorClient.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** Longer than the orchestrator's 25 s hold. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(35);
    private static final int ATTEMPTS = 3;
    private static final int MAX_ALLOCATION_BYTES = 16_384;
    /** Answers other than the allocation are not read beyond this (an error page is only logged). */
    private static final int MAX_OTHER_BYTES = 4_096;

    private final String base;
    private final String authorization;
    private final int defaultMatchSeconds;
    /** The match start's W3C traceparent (already validated), sent on every callback; null: none. */
    private final String traceparent;
    /** The newest heartbeat not sent yet; one sender thread, so a slow orchestrator never blocks the tick loop. */
    private final BlockingQueue<String> heartbeats = new ArrayBlockingQueue<>(1);
    private volatile Thread heartbeatSender;
    /** In a match host: a virtual sender per match, so N matches do not cost N platform threads. */
    private final boolean virtualSender;
    /** The newest kick list from a heartbeat answer (the orchestrator repeats the whole list each time). */
    private volatile List<String> kicks = List.of();

    public OrchestratorClient(URI orchestratorUrl, String sessionId, String base64SessionKey, int defaultMatchSeconds) {
        this(orchestratorUrl, sessionId, base64SessionKey, defaultMatchSeconds, false, null);
    }

    /** @param traceparent the match start's trace (docs/observability.md), so the callbacks continue it; null: none */
    public OrchestratorClient(URI orchestratorUrl, String sessionId, String base64SessionKey, int defaultMatchSeconds,
                              String traceparent) {
        this(orchestratorUrl, sessionId, base64SessionKey, defaultMatchSeconds, false, traceparent);
    }

    public OrchestratorClient(URI orchestratorUrl, String sessionId, String base64SessionKey, int defaultMatchSeconds,
                              boolean virtualSender) {
        this(orchestratorUrl, sessionId, base64SessionKey, defaultMatchSeconds, virtualSender, null);
    }

    private OrchestratorClient(URI orchestratorUrl, String sessionId, String base64SessionKey, int defaultMatchSeconds,
                               boolean virtualSender, String traceparent) {
        this.virtualSender = virtualSender;
        this.traceparent = traceparent;
        String root = orchestratorUrl.toString().replaceAll("/+$", "");
        this.base = root + "/internal/sessions/" + sessionId + "/";
        this.authorization = "Bearer " + base64SessionKey;
        this.defaultMatchSeconds = defaultMatchSeconds;
    }

    @Override
    public void ready(String address, int port, boolean warm) {
        if (warm) {
            // a warm server's first allocation must not wait for the JSON parser to load (tens of ms, cold)
            AllocationJson.warmUp();
        }
        String body = "{\"address\":" + Json.string(address) + ",\"port\":" + port + ",\"pid\":"
                + ProcessHandle.current().pid() + ",\"warm\":" + warm + "}";
        long sent = System.currentTimeMillis();
        if (!postWithRetries("ready", body)) {
            throw new IllegalStateException("the orchestrator at " + base + " did not take READY");
        }
        long taken = System.currentTimeMillis();
        // after the callback, off the cold path; the cold-start benchmark reads this line for its stage breakdown
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info("READY taken {} ms after the JVM started (port bound at {} ms, callback {} ms)", taken - jvmStart,
                sent - jvmStart, taken - sent);
    }

    /** Fire and forget: queued for the sender thread; a heartbeat still waiting is replaced by the newer one. */
    @Override
    public void heartbeat(Heartbeat heartbeat) {
        String json = heartbeat.toJson();
        while (!heartbeats.offer(json)) {
            heartbeats.poll();
        }
        Thread sender = heartbeatSender;
        if (sender == null || !sender.isAlive()) {
            if (sender != null) {
                log.warn("heartbeat sender had stopped; starting a new one");
            }
            heartbeatSender = virtualSender ? Thread.ofVirtual().name("heartbeats").start(this::sendHeartbeats)
                    : Thread.ofPlatform().daemon().name("heartbeats").start(this::sendHeartbeats);
        }
    }

    private void sendHeartbeats() {
        boolean failing = false;
        while (true) {
            String json;
            try {
                json = heartbeats.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                HttpCall.Answer a = call("POST", "heartbeat", json, CALL_TIMEOUT, MAX_OTHER_BYTES);
                if (a.status() == 200) {
                    takeCommands(a.body());
                } else if (a.status() / 100 != 2) {
                    log.warn("heartbeat answered {}", a.status());
                }
                failing = false;
            } catch (IOException | RuntimeException e) {
                // a silent server is killed as unhealthy after a few missed beats: say why, once per streak, and
                // keep this thread alive whatever the HTTP stack throws
                if (!failing) {
                    log.warn("heartbeat not delivered: {}", e.toString());
                }
                failing = true;
            }
        }
    }

    /** The heartbeat answer's commands; a malformed one is logged and ignored (the next answer repeats it). */
    private void takeCommands(String body) {
        try {
            List<String> names = AllocationJson.kicks(body);
            if (!names.equals(kicks)) {
                log.info("orchestrator: kick {}", names);
                kicks = names;
            }
        } catch (RuntimeException e) {
            log.warn("heartbeat answer ignored: {}", e.getMessage());
        }
    }

    @Override
    public List<String> kicks() {
        return kicks;
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
        try {
            HttpCall.Answer a = call("GET", "allocation", null, POLL_TIMEOUT, MAX_ALLOCATION_BYTES);
            if (a.status() == 200) {
                return Optional.of(parseAllocation(a.body()));
            }
            if (a.status() != 204) {
                log.warn("allocation poll answered {}", a.status());
                Thread.sleep(1000); // not a busy loop against a failing orchestrator
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("allocation poll interrupted");
            }
            log.warn("allocation poll failed: {}", e.toString());
            Thread.sleep(1000);
        }
        return Optional.empty();
    }

    Allocation parseAllocation(String body) {
        if (body == null || body.length() > MAX_ALLOCATION_BYTES) {
            throw new IllegalArgumentException("allocation body missing or too large");
        }
        return AllocationJson.parse(body, defaultMatchSeconds);
    }

    private boolean postWithRetries(String path, String body) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = call("POST", path, body, CALL_TIMEOUT, MAX_OTHER_BYTES).status();
                if (status / 100 == 2) {
                    return true;
                }
                log.warn("{} answered {} (attempt {}/{})", path, status, attempt, ATTEMPTS);
                if (status / 100 == 4) {
                    return false; // the orchestrator refuses it: retrying will not help
                }
            } catch (IOException e) {
                log.warn("{} failed: {} (attempt {}/{})", path, e.toString(), attempt, ATTEMPTS);
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

    /**
     * One request. The answer is read to its end (bounded) and closed, so the connection goes back to the JDK's
     * keep-alive cache and the next heartbeat reuses it.
     */
    private HttpCall.Answer call(String method, String path, String body, Duration timeout, int maxBytes) throws IOException {
        HttpURLConnection c = HttpCall.open(base + path, method, (int) CALL_TIMEOUT.toMillis(), (int) timeout.toMillis());
        try {
            c.setRequestProperty("Authorization", authorization);
            if (traceparent != null) {
                c.setRequestProperty("traceparent", traceparent);
            }
            return HttpCall.exchange(c, body, maxBytes, path);
        } catch (IOException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }
}
