package dev.skirmish.gameserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/** The server's own SLF4J provider (it replaced Logback): the line layout, the levels, the MDC's scope. */
class LogSetupTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        MDC.clear();
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
        MDC.clear();
        LogSetup.traceId(null);
    }

    private String stderr() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theProviderIsTheServersOwn() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(ServerLoggers.class);
        assertThat(MDC.getMDCAdapter()).isInstanceOf(ThreadMdc.class);
    }

    @Test
    void aLineKeepsLogbacksFormerLayoutWithSessionAndTrace() {
        MDC.put("sessionId", "s-log");
        LogSetup.traceId("4bf92f3577b34da6a3ce929d0e0e4736");
        LoggerFactory.getLogger("dev.skirmish.gameserver.match.Example").info("player {} joined slot {}", "ann", 3);
        assertThat(stderr()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[" + Thread.currentThread().getName()
                + "] session=s-log trace=4bf92f3577b34da6a3ce929d0e0e4736 Example - player ann joined slot 3\\R");
    }

    @Test
    void aLineWithoutTheMdcFallsBackToTheProcessSession() {
        System.setProperty("SKIRMISH_SESSION_ID", "s-proc");
        try {
            LoggerFactory.getLogger("x.Y").warn("w");
            assertThat(stderr()).contains(" WARN  [").contains("session=s-proc Y - w").doesNotContain("trace=");
        } finally {
            System.clearProperty("SKIRMISH_SESSION_ID");
        }
    }

    @Test
    void aThrowableIsPrintedAfterItsLine() {
        LoggerFactory.getLogger("x.Y").error("failed", new IllegalStateException("boom"));
        assertThat(stderr()).contains(" ERROR [").contains("Y - failed").contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void nettyLogsOnlyWarningsAndUpAndDebugIsOffByDefault() {
        LoggerFactory.getLogger("io.netty.channel.Foo").info("netty chatter");
        LoggerFactory.getLogger("dev.skirmish.gameserver.Foo").debug("debug line");
        LoggerFactory.getLogger("io.netty.channel.Foo").warn("netty warning");
        assertThat(stderr()).doesNotContain("netty chatter").doesNotContain("debug line").contains("netty warning");
    }

    @Test
    void levelNamesAreReadAsLogbackReadThem() {
        assertThat(LogSetup.level(null)).isEqualTo(Level.INFO.toInt());
        assertThat(LogSetup.level("debug")).isEqualTo(Level.DEBUG.toInt());
        assertThat(LogSetup.level(" WARN ")).isEqualTo(Level.WARN.toInt());
        assertThat(LogSetup.level("ALL")).isEqualTo(Level.TRACE.toInt());
        assertThat(LogSetup.level("OFF")).isGreaterThan(Level.ERROR.toInt());
        assertThat(LogSetup.level("nonsense")).isEqualTo(Level.INFO.toInt());
    }

    /**
     * Attack/fault: a match host starts a thread (a pool's worker, Netty's loop) while one match's set-up holds its
     * session in the MDC; an inheritable MDC would stamp every later line of that thread, for every match it serves,
     * with that one match's session, misleading whoever reads the logs of an incident.
     */
    @Test
    void aThreadStartedDuringOneMatchesSetUpDoesNotInheritItsSession() throws Exception {
        MDC.put("sessionId", "s-first");
        AtomicReference<String> seen = new AtomicReference<>("unset");
        Thread t = new Thread(() -> seen.set(MDC.get("sessionId")));
        t.start();
        t.join(5_000);
        assertThat(seen.get()).isNull();
    }
}
