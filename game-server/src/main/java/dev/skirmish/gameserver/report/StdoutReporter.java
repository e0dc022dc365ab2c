package dev.skirmish.gameserver.report;

import java.io.PrintStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without an orchestrator: {@code READY <address>:<port> session=<id>} and {@code RESULT <json>} on stdout. */
public final class StdoutReporter implements Reporter {
    private static final Logger log = LoggerFactory.getLogger(StdoutReporter.class);
    private final String sessionId;
    private final PrintStream out;

    public StdoutReporter(String sessionId, PrintStream out) {
        this.sessionId = sessionId;
        this.out = out;
    }

    @Override
    public void ready(String address, int port, boolean warm) {
        out.println("READY " + address + ":" + port + " session=" + sessionId);
        out.flush();
    }

    @Override
    public void heartbeat(Heartbeat heartbeat) {
        log.debug("heartbeat {}", heartbeat.toJson());
    }

    @Override
    public void result(MatchReport report) {
        out.println("RESULT " + report.toJson());
        out.flush();
    }

    @Override
    public Optional<Allocation> awaitAllocation() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // nobody can allocate a warm server without an orchestrator
        return Optional.empty();
    }
}
