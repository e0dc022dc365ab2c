package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.launch.UsageException;
import dev.skirmish.gameserver.match.GameServer;
import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.OrchestratorClient;
import dev.skirmish.protocol.token.ConnectTokens;
import io.netty.channel.EventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One process, several matches: each with its own UDP port, session key, players, schedule, heartbeats and result,
 * on one tick thread ({@link MatchScheduler}) and one Netty event loop. Commands come from stdin
 * ({@link HostCommand}); each match's end goes back on stdout as {@code ended SESSION_ID CODE}, with the code a
 * process of its own would have exited with (0 over and reported, 1 crashed or could not start, 137 killed), so the
 * orchestrator keeps one lifecycle per match.
 */
public final class MatchHost implements MatchScheduler.Listener {
    private static final Logger log = LoggerFactory.getLogger(MatchHost.class);
    public static final int CRASHED = 1;
    public static final int KILLED = 137;

    private final HostArgs args;
    private final PrintStream replies;
    private final EventLoopGroup loop;
    private final MatchScheduler scheduler = new MatchScheduler(this);
    /** Every match from its {@code add} to its {@code ended} line; at most {@code --max-matches}. */
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    /** A match's place; its server is null until it is bound. */
    private static final class Slot {
        volatile GameServer server;
        /** A kill that came while the match was still starting: it is taken out as soon as it is in. */
        volatile boolean killed;
    }

    private record HostedServer(String sessionId, GameServer server) implements Hosted {
        @Override
        public long nextTickNanos() {
            return server.nextTickNanos();
        }

        @Override
        public MatchReport tickIfDue(long nowNanos) {
            return server.tickIfDue(nowNanos);
        }

        @Override
        public long periodNanos() {
            return server.tickPeriodNanos();
        }

        @Override
        public void firstTickAt(long nanos) {
            server.firstTickAt(nanos);
        }
    }

    private final Thread tickThread;

    public MatchHost(HostArgs args, PrintStream replies, EventLoopGroup loop) {
        this.args = args;
        this.replies = replies;
        this.loop = loop;
        this.tickThread = scheduler.start();
    }

    /** The thread that ticks every match of this host (benchmarks read its allocation and CPU time). */
    long tickThreadId() {
        return tickThread.threadId();
    }

    /** Reads commands until stdin closes, then lets the matches play to their end; returns the exit code. */
    public int run(BufferedReader in) throws IOException, InterruptedException {
        log.info("match host ready: up to {} matches on {} ({} Hz)", args.maxMatches(), args.address(), args.tickRate());
        String line;
        while (accepting && (line = readLine(in)) != null) {
            if (line.isBlank()) {
                continue;
            }
            try {
                command(HostCommand.parse(line));
            } catch (UsageException e) {
                log.warn("command refused: {}", e.getMessage());
                reply("refused " + e.getMessage());
            }
        }
        accepting = false;
        log.info("no more matches for this host; {} still playing", slots.size());
        awaitEmpty(Long.MAX_VALUE);
        shutdown();
        return 0;
    }

    /** A line of at most {@link HostCommand#MAX_LINE} characters; a longer one is skipped to its end and refused. */
    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean tooLong = false;
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                return tooLong ? "x".repeat(HostCommand.MAX_LINE + 1) : sb.toString();
            }
            if (sb.length() < HostCommand.MAX_LINE + 1) {
                sb.append((char) c);
            } else {
                tooLong = true;
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    void command(HostCommand c) {
        switch (c) {
            case HostCommand.Add add -> add(add);
            case HostCommand.Stop stop -> {
                Slot s = slots.get(stop.sessionId());
                GameServer server = s == null ? null : s.server;
                if (server != null) {
                    server.requestStop();
                }
            }
            case HostCommand.Kill kill -> {
                Slot s = slots.get(kill.sessionId());
                if (s != null) {
                    s.killed = true;
                    takeOut(kill.sessionId());
                }
            }
            case HostCommand.Exit ignored -> accepting = false;
        }
    }

    private void add(HostCommand.Add add) {
        String id = add.sessionId();
        Slot slot = new Slot();
        synchronized (slots) {
            if (!accepting || slots.size() >= args.maxMatches() || slots.putIfAbsent(id, slot) != null) {
                log.warn("match {} refused: host full, closing or the id is taken", id);
                reply("ended " + id + " " + CRASHED);
                return;
            }
        }
        // READY is an HTTP call with retries: off the command reader, so one slow start does not hold up the next
        Thread.ofVirtual().name("add-" + id).start(() -> {
            MDC.put("sessionId", id);
            try {
                LaunchArgs la = ArgsParser.parse(new String[] {"--session-id", id, "--port", Integer.toString(add.port()),
                        "--address", args.address(), "--players", add.playersCsv(), "--match-seconds",
                        Integer.toString(add.matchSeconds()), "--tick-rate", Integer.toString(args.tickRate()),
                        "--orchestrator-url", args.orchestratorUrl()});
                byte[] key = ConnectTokens.decodeSessionKey(add.keyBase64());
                GameServer server = new GameServer(la, key, new OrchestratorClient(la.orchestratorUrl(), id,
                        add.keyBase64(), la.matchSeconds(), true), loop);
                slot.server = server;
                server.startHosted();
                scheduler.add(new HostedServer(id, server));
                reply("added " + id + " " + server.port());
                if (slot.killed) {
                    takeOut(id); // the kill's own removal may have run before the add: one of the two finds it
                }
            } catch (Exception e) {
                log.error("match could not start: {}", e.getMessage());
                GameServer server = slot.server;
                // killed while it started: the orchestrator asked for the end it gets, whatever the start then did
                // (a READY call that timed out on a loaded machine used to turn a kill into a crash)
                ended(id, server, slot.killed ? KILLED : CRASHED);
            } finally {
                MDC.remove("sessionId");
            }
        });
    }

    /** Out of the scheduler, if it is in: ended as killed (no result, like SIGKILL). */
    private void takeOut(String id) {
        scheduler.remove(id, m -> Thread.ofVirtual().start(() -> ended(m.sessionId(), ((HostedServer) m).server(),
                KILLED)));
    }

    @Override
    public void over(Hosted match, MatchReport report) {
        GameServer server = ((HostedServer) match).server();
        // the result is a blocking HTTP call: never on the tick thread the other matches need
        Thread.ofVirtual().start(() -> {
            MDC.put("sessionId", match.sessionId());
            try {
                server.reportHosted(report);
            } finally {
                ended(match.sessionId(), server, 0);
            }
        });
    }

    @Override
    public void crashed(Hosted match, Throwable why) {
        Thread.ofVirtual().start(() -> ended(match.sessionId(), ((HostedServer) match).server(), CRASHED));
    }

    private void ended(String id, GameServer server, int code) {
        try {
            if (server != null) {
                server.closeHosted();
            }
        } finally {
            slots.remove(id);
            reply("ended " + id + " " + code);
            synchronized (slots) {
                slots.notifyAll();
            }
        }
    }

    /** SIGTERM: every match ends with SHUTDOWN (clients told, results reported), for at most {@code waitMillis}. */
    public void stopAll(long waitMillis) throws InterruptedException {
        accepting = false;
        for (Slot s : slots.values()) {
            GameServer server = s.server;
            if (server != null) {
                server.requestStop();
            }
        }
        awaitEmpty(System.currentTimeMillis() + waitMillis);
    }

    private void awaitEmpty(long until) throws InterruptedException {
        synchronized (slots) {
            while (!slots.isEmpty() && System.currentTimeMillis() < until) {
                slots.wait(Math.min(1000, Math.max(1, until - System.currentTimeMillis())));
            }
        }
    }

    /** Tests: every match stopped (for at most 5 s), then the tick thread and the event loop. */
    void close() throws InterruptedException {
        stopAll(5000);
        shutdown();
    }

    private void shutdown() {
        scheduler.close();
        loop.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
    }

    private synchronized void reply(String line) {
        replies.println(line);
        replies.flush();
    }

    /** The host's entry point: {@code java -jar game-server.jar --host ...}; returns the exit code. */
    public static int main(String[] argv) {
        PrintStream channel = System.out;
        System.setOut(System.err); // a stray print must not reach the orchestrator as a reply
        HostArgs args;
        try {
            args = HostArgs.parse(argv);
            URI.create(args.orchestratorUrl());
            String policy = HelperPolicy.problem();
            if (policy != null) {
                throw new IllegalArgumentException(policy);
            }
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("game-server: " + e.getMessage());
            return 2;
        }
        HelperPolicy.helpersBatch(); // before the tick thread starts: it alone stays at SCHED_OTHER
        MatchHost host = new MatchHost(args, channel, UdpTransport.sharedLoop());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                host.stopAll(8000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        try {
            return host.run(new BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (IOException | InterruptedException e) {
            log.error("host failed: {}", e.toString());
            return 1;
        }
    }
}
