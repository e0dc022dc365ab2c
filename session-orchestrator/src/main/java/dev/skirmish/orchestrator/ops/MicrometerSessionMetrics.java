package dev.skirmish.orchestrator.ops;

import dev.skirmish.orchestrator.sessions.Heartbeat;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionMetrics;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The session metrics on Micrometer (scraped as Prometheus): live sessions by state, launches, failures,
 * start-to-ready histogram, and per-session tick p99 / traffic from heartbeats (tagged by session, removed when the
 * session's process is gone).
 */
@Component
public class MicrometerSessionMetrics implements SessionMetrics {
    private final MeterRegistry registry;
    private final Timer startToReady;
    private final Counter launches;
    private final Counter warmAllocations;
    private final Map<String, List<Meter.Id>> perSession = new ConcurrentHashMap<>();

    public MicrometerSessionMetrics(MeterRegistry registry, @Lazy SessionRegistry sessions) {
        this.registry = registry;
        for (SessionState state : SessionState.values()) {
            if (!state.terminal()) {
                Gauge.builder("skirmish.sessions", sessions, r -> count(r, state))
                        .description("live sessions by state").tag("state", state.name()).register(registry);
            }
        }
        Gauge.builder("skirmish.sessions.warm.idle", sessions,
                r -> r.all().stream().filter(s -> s.warm() && s.roomId() == null && s.state() == SessionState.READY).count())
                .description("warm servers waiting for a match").register(registry);
        Gauge.builder("skirmish.ports.free", sessions, SessionRegistry::freePorts).register(registry);
        this.startToReady = Timer.builder("skirmish.sessions.start.to.ready")
                .description("process start to READY callback").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.launches = Counter.builder("skirmish.sessions.launches").description("game-server processes started")
                .register(registry);
        this.warmAllocations = Counter.builder("skirmish.sessions.warm.allocations").register(registry);
    }

    private static double count(SessionRegistry r, SessionState state) {
        return r.all().stream().filter(s -> s.state() == state).count();
    }

    @Override
    public void launched() {
        launches.increment();
    }

    @Override
    public void warmAllocated() {
        warmAllocations.increment();
    }

    @Override
    public void ready(Duration sinceStart) {
        startToReady.record(sinceStart);
    }

    /** Counted by state and by the reason's first word (ENDED/MATCH_END, FAILED/READY_TIMEOUT, CRASHED/UNHEALTHY...). */
    @Override
    public void ended(SessionState state, String reason) {
        String kind = reason == null ? "UNKNOWN" : reason.split("[ :(]")[0];
        Counter.builder("skirmish.sessions.ended").tag("state", state.name()).tag("reason", kind).register(registry)
                .increment();
        if (state != SessionState.ENDED) {
            Counter.builder("skirmish.sessions.failures").tag("state", state.name()).tag("reason", kind)
                    .register(registry).increment();
        }
    }

    @Override
    public void watch(LiveSession live) {
        perSession.computeIfAbsent(live.id(), id -> {
            List<Meter.Id> ids = new ArrayList<>();
            ids.add(gauge("skirmish.session.tick.p99.ms", live, Heartbeat::tickMsP99));
            ids.add(gauge("skirmish.session.tick.max.ms", live, Heartbeat::tickMsMax));
            ids.add(gauge("skirmish.session.bytes.in", live, h -> h.bytesIn()));
            ids.add(gauge("skirmish.session.bytes.out", live, h -> h.bytesOut()));
            ids.add(gauge("skirmish.session.players.connected", live, h -> h.playersConnected()));
            ids.add(gauge("skirmish.session.missed.ticks", live, h -> h.missedTicks()));
            return ids;
        });
    }

    private Meter.Id gauge(String name, LiveSession live, ToDoubleFunction<Heartbeat> f) {
        return Gauge.builder(name, live, s -> s.lastStats() == null ? Double.NaN : f.applyAsDouble(s.lastStats()))
                .tag("session", live.id()).register(registry).getId();
    }

    @Override
    public void forget(String sessionId) {
        List<Meter.Id> ids = perSession.remove(sessionId);
        if (ids != null) {
            ids.forEach(registry::remove);
        }
    }
}
