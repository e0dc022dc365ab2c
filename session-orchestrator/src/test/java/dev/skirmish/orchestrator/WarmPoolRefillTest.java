package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionState;
import dev.skirmish.orchestrator.warm.WarmPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refilling the warm pool starts at most {@code warm-pool-max-starting} servers at once (real fake processes). */
class WarmPoolRefillTest {
    @TempDir
    Path dir;

    @Test
    void refillStartsAtMostTheConfiguredNumberOfServersAtOnce() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        p.put("skirmish.orchestrator.warm-pool-size", 5);
        p.put("skirmish.orchestrator.warm-pool-max-starting", 2);
        p.put("skirmish.orchestrator.jvm-options", "-Dfake.ready-delay-ms=800");
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7730));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7739));
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            WarmPool pool = orch.bean(WarmPool.class);
            SessionRegistry registry = orch.bean(SessionRegistry.class);
            AtomicInteger mostStarting = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                mostStarting.accumulateAndGet(pool.starting(), Math::max);
                return registry.all().stream().filter(s -> s.state() == SessionState.READY).count() == 5;
            });
            assertThat(mostStarting.get()).isEqualTo(2);
            assertThat(pool.starting()).isZero();
            assertThat(pool.waiting()).isEqualTo(5);
        }
    }
}
