package dev.skirmish.orchestrator;

import java.nio.file.Path;
import java.util.Map;

/**
 * The set-up of the tests that play against real game-server processes: an orchestrator on a free port launching the
 * real game-server jar on a few UDP ports of its own (nominal numbers, moved by {@link TestOrchestrator#udp}), so each
 * test class counts on its own small pool.
 */
final class RealServerOrchestrator {
    private RealServerOrchestrator() {
    }

    /** {@code firstUdp}..{@code lastUdp}: the nominal port range; {@code warmPoolSize}: servers kept started. */
    static TestOrchestrator start(Path dir, int firstUdp, int lastUdp, int warmPoolSize) {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(firstUdp));
        p.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(lastUdp));
        p.put("skirmish.orchestrator.warm-pool-size", warmPoolSize);
        return TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p);
    }
}
