package dev.skirmish.orchestrator.events;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.config.ServiceKeyProperties;
import dev.skirmish.orchestrator.logging.MatchTrace;
import dev.skirmish.orchestrator.logging.SessionMdc;
import dev.skirmish.protocol.trace.Traceparent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

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
    private final JdbcClient jdbc;
    private final JsonMapper json;
    /**
     * Whether an event may be waiting: set after every commit that queued one, and while any is held back or
     * retrying; an idle orchestrator then skips the poll's query. True at start for events left by a previous run.
     */
    private final AtomicBoolean mayHaveWork = new AtomicBoolean(true);

    public OutboxPublisher(OutboxRepository repository, OrchestratorProperties props, ServiceKeyProperties keys,
                           DataSource dataSource, JsonMapper json) {
        this.json = json;
        this.repository = repository;
        this.jdbc = JdbcClient.create(dataSource);
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
        if (!mayHaveWork.getAndSet(false)) {
            return;
        }
        Instant now = Instant.now();
        Set<String> heldBack = new HashSet<>();
        List<OutboxEventEntity> due = repository.findByDeliveredAtIsNullOrderByCreatedAt(Limit.of(BATCH));
        for (OutboxEventEntity event : due) {
            if (heldBack.contains(event.getSessionId())) {
                continue;
            }
            if (event.getNextAttemptAt().isAfter(now) || !deliver(event)) {
                heldBack.add(event.getSessionId());
            }
        }
        if (!heldBack.isEmpty() || due.size() == BATCH) {
            mayHaveWork.set(true);
        }
    }

    /** An event was committed to the outbox: the next poll looks. */
    public void wake() {
        mayHaveWork.set(true);
    }

    /** @return whether the lobby accepted the event */
    boolean deliver(OutboxEventEntity event) {
        String traceparent = traceparentOf(event);
        try (SessionMdc.Scope ignored = SessionMdc.open(event.getSessionId());
             SessionMdc.Scope traced = MatchTrace.open(traceparent)) {
            return send(event, traceparent);
        }
    }

    /** The event's trace, checked again: it was stored as JSON and may come from an older version. */
    private String traceparentOf(OutboxEventEntity event) {
        try {
            String value = json.readTree(event.getPayload()).path("traceparent").asString(null);
            return Traceparent.isValid(value) ? value : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean send(OutboxEventEntity event, String traceparent) {
        String error;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(props.lobbyEventsUrl()))
                    .timeout(props.eventTimeout())
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + keys.serviceKey());
            if (traceparent != null) {
                // the lobby's log lines about this event continue the match start's trace
                builder.header("traceparent", traceparent);
            }
            HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(event.getPayload())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                event.delivered(Instant.now());
                // a plain UPDATE: the entity was read outside any transaction, a save would load it again to merge
                jdbc.sql("UPDATE outbox_event SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?")
                        .params(OffsetDateTime.ofInstant(event.getDeliveredAt(), ZoneOffset.UTC), event.getAttempts(),
                                event.getId())
                        .update();
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
