package dev.skirmish.orchestrator.events;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.config.ServiceKeyProperties;
import dev.skirmish.orchestrator.sessions.SessionMdc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers outbox events in order of creation, retrying with exponential backoff until the lobby answers 2xx,
 * so a lobby that is down or restarting loses nothing.
 */
@Component
public class OutboxPublisher {
    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 200;

    private final OutboxRepository repository;
    private final OrchestratorProperties props;
    private final ServiceKeyProperties keys;
    private final HttpClient http;

    public OutboxPublisher(OutboxRepository repository, OrchestratorProperties props, ServiceKeyProperties keys) {
        this.repository = repository;
        this.props = props;
        this.keys = keys;
        this.http = HttpClient.newBuilder().connectTimeout(props.eventTimeout()).build();
    }

    /**
     * Events of one session go out strictly in order: a session whose oldest pending event is not yet due or just
     * failed holds back its later events, so the lobby never sees ENDED before READY.
     */
    @Scheduled(fixedDelayString = "${skirmish.orchestrator.outbox-poll:200ms}")
    public void deliverDue() {
        Instant now = Instant.now();
        Set<String> heldBack = new HashSet<>();
        for (OutboxEventEntity event : repository.findByDeliveredAtIsNullOrderByCreatedAt(Limit.of(BATCH))) {
            if (heldBack.contains(event.getSessionId())) {
                continue;
            }
            if (event.getNextAttemptAt().isAfter(now) || !deliver(event)) {
                heldBack.add(event.getSessionId());
            }
        }
    }

    /** @return whether the lobby accepted the event */
    boolean deliver(OutboxEventEntity event) {
        try (SessionMdc.Scope ignored = SessionMdc.open(event.getSessionId())) {
            return send(event);
        }
    }

    private boolean send(OutboxEventEntity event) {
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(props.lobbyEventsUrl()))
                    .timeout(props.eventTimeout())
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + keys.serviceKey())
                    .POST(HttpRequest.BodyPublishers.ofString(event.getPayload()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                event.delivered(Instant.now());
                repository.save(event);
                log.info("event {} {} delivered to lobby (attempt {})", event.getType(), event.getId(), event.getAttempts());
                return true;
            }
            error = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Duration delay = backoff(event.getAttempts());
        event.failed(error, Instant.now().plus(delay));
        repository.save(event);
        log.warn("event {} {} not delivered ({}), attempt {}, retry in {} ms", event.getType(), event.getId(), error,
                event.getAttempts(), delay.toMillis());
        return false;
    }

    Duration backoff(int attemptsSoFar) {
        long initial = props.eventRetryInitial().toMillis();
        long delay = initial << Math.min(attemptsSoFar, 20);
        return Duration.ofMillis(Math.min(delay, props.eventRetryMax().toMillis()));
    }
}
