package dev.skirmish.gameserver;

import dev.skirmish.gameserver.agones.AgonesMode;
import dev.skirmish.gameserver.host.MatchHost;
import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.launch.UsageException;
import dev.skirmish.gameserver.match.GameServer;
import dev.skirmish.gameserver.report.OrchestratorClient;
import dev.skirmish.gameserver.report.Reporter;
import dev.skirmish.gameserver.report.StdoutReporter;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.protocol.trace.Traceparent;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code java -jar game-server.jar --session-id S --port P --address A --players a,b [...]}; see
 * docs/orchestrator-api.md; under Agones ({@code AGONES_SDK_HTTP_PORT} set) the match comes with the allocation
 * (docs/kubernetes.md). Exit codes: 0 match over (any reason, result reported), 1 could not run, 2 bad usage.
 */
public final class GameServerMain {
    public static final String SESSION_KEY_ENV = "SKIRMISH_SESSION_KEY";
    /** The match start's W3C traceparent (not secret), set by the orchestrator; optional (docs/observability.md). */
    public static final String TRACEPARENT_ENV = "SKIRMISH_TRACEPARENT";
    /** How long SIGTERM waits for the match to tell clients and report. */
    private static final long SHUTDOWN_WAIT_SECONDS = 8;

    private GameServerMain() {
    }

    public static void main(String[] argv) {
        // Netty's leak detector samples 1 in 128 buffers and records a stack trace at each use of those: ~100
        // Throwables a second on the event loop at 64 players (JFR). The server holds Netty buffers only between
        // channelRead and its copy into the inbound queue (tests keep the detector). Set before Netty loads.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        if (argv.length > 0 && argv[0].equals("--host")) {
            // several matches in this process, added over stdin by the orchestrator (docs/architecture.md)
            System.setProperty("SKIRMISH_SESSION_ID", "host");
            System.exit(MatchHost.main(java.util.Arrays.copyOfRange(argv, 1, argv.length)));
            return;
        }
        LaunchArgs args;
        byte[] key = null;
        String keyBase64 = System.getenv(SESSION_KEY_ENV);
        AgonesMode agones = null;
        try {
            boolean underAgones = AgonesMode.enabled(System.getenv());
            args = ArgsParser.parse(argv, underAgones);
            if (underAgones) {
                agones = AgonesMode.fromEnvironment(System.getenv()); // the key comes with the assignment
            } else {
                key = sessionKey(keyBase64);
            }
        } catch (UsageException e) {
            System.err.println("game-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (agones != null) {
            try {
                AgonesMode.Match match = agones.awaitMatch(args);
                args = match.args();
                keyBase64 = match.sessionKeyBase64();
                key = ConnectTokens.decodeSessionKey(keyBase64);
            } catch (IOException | InterruptedException e) {
                System.err.println("game-server: Agones mode: " + e.getMessage());
                agones.shutdown(); // a server that cannot play must not stay allocated
                System.exit(1);
                return;
            }
        }
        // a log line falls back to this property on threads without the MDC (Netty, HTTP client)
        System.setProperty("SKIRMISH_SESSION_ID", args.sessionId());
        MDC.put("sessionId", args.sessionId());
        // a malformed value is dropped, never echoed: it would land in every log line and callback
        String rawTrace = System.getenv(TRACEPARENT_ENV);
        Traceparent trace = Traceparent.parse(rawTrace).orElse(null);
        if (trace != null) {
            LogSetup.traceId(trace.traceId());
            MDC.put("traceId", trace.traceId());
        }
        Logger log = LoggerFactory.getLogger(GameServerMain.class);
        if (trace == null && rawTrace != null) {
            log.warn("{} is not a valid W3C traceparent; this match's lines carry no trace id", TRACEPARENT_ENV);
        }
        Reporter reporter = args.orchestratorUrl() == null ? new StdoutReporter(args.sessionId(), System.out)
                : new OrchestratorClient(args.orchestratorUrl(), args.sessionId(), keyBase64, args.matchSeconds(),
                        trace == null ? null : trace.toString());
        GameServer server;
        try {
            server = new GameServer(args, key, reporter);
        } catch (Exception e) {
            log.error("cannot bind UDP {}:{}: {}", args.address(), args.port(), e.toString());
            System.exit(1);
            return;
        }
        if (agones != null && agones.playerTracking()) {
            server.presence(agones::playerChanged);
        }
        AtomicBoolean terminating = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminating.set(true);
            server.requestStop();
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        int code = 0;
        try {
            server.run();
        } catch (RuntimeException e) {
            log.error("game server failed: {}", e.toString(), e);
            code = 1;
        } finally {
            if (agones != null) {
                agones.shutdown(); // after the result: Agones deletes the GameServer
            }
            finished.countDown();
        }
        if (!terminating.get()) {
            System.exit(code); // during SIGTERM the JVM is already exiting; exit() here would wait on our own hook
        }
    }

    private static byte[] sessionKey(String env) {
        if (env == null || env.isBlank()) {
            throw new UsageException("missing environment variable " + SESSION_KEY_ENV);
        }
        try {
            return ConnectTokens.decodeSessionKey(env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(SESSION_KEY_ENV + ": " + e.getMessage());
        }
    }
}
