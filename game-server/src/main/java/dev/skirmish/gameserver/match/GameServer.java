package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.report.Heartbeat;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.MatchReport.EndReason;
import dev.skirmish.gameserver.report.Reporter;
import dev.skirmish.gameserver.tick.TickClock;
import dev.skirmish.gameserver.tick.TickStatistics;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.session.EventAckTimes;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one match process: bind → READY → (warm: wait for an allocation) → fixed-rate ticks with a
 * heartbeat every second → result. {@link #run()} owns the tick thread; {@link #requestStop()} may come from any
 * thread (the SIGTERM hook).
 */
public final class GameServer {
    private static final Logger log = LoggerFactory.getLogger(GameServer.class);
    /** A warm server's match against itself before READY ({@link Rehearsal}): 10 s of game time at 60 Hz. */
    static final int REHEARSAL_TICKS = 600;

    private final LaunchArgs args;
    private final Reporter reporter;
    private final UdpTransport transport;
    private final MatchRoom room;
    private final TickClock clock;
    private final TickStatistics tickStats;
    private final MatchEndRule endRule;
    private final AtomicReference<Reporter.Allocation> allocation = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile int playersConnectedNow;
    private volatile long droppedNow;
    private volatile long inputsLostNow;
    /** When the per-player loss and event timings start again (0: never); set from any thread. */
    private volatile long linkResetAtMillis;
    private volatile Thread allocationPoller;
    /** The thread in {@link #run()}: woken by an allocation or a stop while a warm server waits. */
    private volatile Thread tickThread;
    private long ticks;
    private long nextHeartbeat;

    /** Binds the UDP port; throws when it cannot. */
    public GameServer(LaunchArgs args, byte[] sessionKey, Reporter reporter) throws InterruptedException {
        this(args, sessionKey, reporter, null);
    }

    /**
     * @param sharedLoop the Netty event loop of a match host, shared with its other matches (null: one of its own)
     */
    public GameServer(LaunchArgs args, byte[] sessionKey, Reporter reporter, EventLoopGroup sharedLoop)
            throws InterruptedException {
        this.args = args;
        this.reporter = reporter;
        this.transport = new UdpTransport(args.address(), args.port(), sharedLoop);
        this.room = new MatchRoom(args.sessionId(), sessionKey, args.tickRate(), args.seed(), transport,
                transport::drain, System.currentTimeMillis());
        this.clock = new TickClock(args.tickRate());
        this.tickStats = new TickStatistics(clock);
        this.endRule = new MatchEndRule(args.noPlayersTimeoutSeconds() * 1000L, args.allLeftTimeoutSeconds() * 1000L);
    }

    /** Player connects and disconnects, e.g. for Agones player tracking; set before {@link #run()}. */
    public void presence(MatchRoom.Presence listener) {
        room.presence(listener);
    }

    public int port() {
        return transport.port();
    }

    /** Reports READY, runs the match to its end, reports the result and closes the socket. */
    public MatchReport run() {
        tickThread = Thread.currentThread();
        try {
            if (args.warm()) {
                long t0 = System.nanoTime();
                Rehearsal.play(args.tickRate(), REHEARSAL_TICKS);
                log.info("rehearsed {} ticks in {} ms", REHEARSAL_TICKS, (System.nanoTime() - t0) / 1_000_000);
            }
            reporter.ready(args.address(), port(), args.warm());
            log.info("ready on {}:{} ({} Hz{})", args.address(), port(), args.tickRate(),
                    args.warm() ? ", warm" : "");
            if (args.warm()) {
                startAllocationPoller();
            } else {
                room.assign(args.players(), args.matchSeconds());
                log.info("match assigned: {} players, {} s", args.players().size(), args.matchSeconds());
            }
            MatchReport report = loop();
            if (args.metricsFile() != null) {
                MetricsFile.write(args.metricsFile(), metrics());
            }
            reporter.result(report);
            return report;
        } finally {
            Thread poller = allocationPoller;
            if (poller != null) {
                poller.interrupt();
            }
            transport.close();
        }
    }

    /** Ends the match at the next tick with reason SHUTDOWN (clients are told). */
    public void requestStop() {
        stopRequested = true;
        LockSupport.unpark(tickThread);
    }

    /**
     * One tick: pump the socket, step, send snapshots, ask the end rule, flush, measure, heartbeat once a second.
     * The order matters: the end rule sees the state this tick produced, and the final tick's datagrams (the
     * disconnects) are flushed by {@link #finish}.
     */
    private MatchReport loop() {
        if (!args.warm()) {
            endRule.assigned(System.currentTimeMillis());
        }
        nextHeartbeat = System.currentTimeMillis() + 1000;
        if (args.warm()) {
            nextHeartbeat = awaitAllocation(nextHeartbeat);
            clock.restart();
        }
        startMeasuring();
        while (true) {
            clock.awaitNextTick();
            MatchReport report = tick();
            if (report != null) {
                return report;
            }
        }
    }

    private void startMeasuring() {
        if (args.metricsWarmupSeconds() > 0) {
            tickStats.resetAt(System.currentTimeMillis() + args.metricsWarmupSeconds() * 1000L);
            linkResetAtMillis = System.currentTimeMillis() + args.metricsWarmupSeconds() * 1000L;
        }
    }

    /** One tick, already started on the clock; the report once the match is over (its last tick), else null. */
    private MatchReport tick() {
        long now = System.currentTimeMillis();
        tickStats.tickStarted(now);
        assignIfAllocated(now);
        room.pump(now);
        room.kick(reporter.kicks(), now);
        room.step(now);
        ticks++;
        room.sendSnapshots(now, (int) (ticks % args.ticksPerSnapshot()), args.ticksPerSnapshot());
        MatchState s = room.state();
        EndReason reason = endRule.check(now, stopRequested, s == null ? null : s.phase(),
                room.anyoneConnectedEver(), room.connectedPlayers());
        if (reason != null) {
            return finish(reason, endRule.matchSeconds(now), now);
        }
        transport.flush();
        playersConnectedNow = room.connectedPlayers();
        droppedNow = room.endpoint().stats().dropped();
        long resetAt = linkResetAtMillis;
        if (resetAt != 0 && now >= resetAt) {
            room.resetLinkMeasurements();
            linkResetAtMillis = 0;
        }
        inputsLostNow = room.inputsLost();
        tickStats.tickEnded();
        if (now >= nextHeartbeat) {
            nextHeartbeat = now + 1000;
            reporter.heartbeat(heartbeat(s));
            tickStats.startWindow();
        }
        return null;
    }

    // ---- a match in a host process (dev.skirmish.gameserver.host): its scheduler drives the ticks ----

    /** Reports READY and assigns the match; the host's scheduler then calls {@link #tickIfDue} (never warm). */
    public void startHosted() {
        tickThread = Thread.currentThread();
        reporter.ready(args.address(), port(), false);
        room.assign(args.players(), args.matchSeconds());
        log.info("ready on {}:{} ({} Hz, hosted), match assigned: {} players, {} s", args.address(), port(),
                args.tickRate(), args.players().size(), args.matchSeconds());
        endRule.assigned(System.currentTimeMillis());
        nextHeartbeat = System.currentTimeMillis() + 1000;
        clock.restart();
        startMeasuring();
    }

    /** When this match's next tick is due ({@link System#nanoTime()} scale). */
    public long nextTickNanos() {
        return clock.nextTickNanos();
    }

    /** Runs the tick due at {@code nowNanos}, if one is; the report once the match is over, else null. */
    public MatchReport tickIfDue(long nowNanos) {
        return clock.startIfDue(nowNanos) ? tick() : null;
    }

    /** After the last tick of a hosted match: the metrics file and the result (blocking: call off the tick thread). */
    public void reportHosted(MatchReport report) {
        if (args.metricsFile() != null) {
            MetricsFile.write(args.metricsFile(), metrics());
        }
        reporter.result(report);
    }

    /** Closes the match's socket (its event loop stays with the host). */
    public void closeHosted() {
        transport.close();
    }

    /** A warm server's allocation, taken over by the tick thread at the start of a tick. */
    private void assignIfAllocated(long now) {
        Reporter.Allocation a = allocation.get();
        if (!room.assigned() && a != null) {
            room.assign(a.players(), a.matchSeconds());
            log.info("match assigned: {} players, {} s", a.players().size(), a.matchSeconds());
            endRule.assigned(now);
        }
    }

    /**
     * A warm server has nothing to simulate until it is allocated, so it sleeps instead of ticking: a pool of
     * waiting servers then costs next to no CPU, which the servers that are playing on the same cores need (an idle
     * 60 Hz loop cost ~4 % of a core per server). It still heartbeats every second and pumps its socket (the
     * endpoint admits nobody yet); an allocation or a stop wakes it at once.
     */
    private long awaitAllocation(long nextHeartbeat) {
        while (allocation.get() == null && !stopRequested) {
            long now = System.currentTimeMillis();
            if (now >= nextHeartbeat) {
                nextHeartbeat = now + 1000;
                reporter.heartbeat(heartbeat(room.state()));
            }
            room.pump(now);
            transport.flush();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextHeartbeat - now)));
        }
        return nextHeartbeat;
    }

    private MatchReport finish(EndReason reason, double seconds, long now) {
        Disconnect.Reason why = reason == EndReason.SHUTDOWN ? Disconnect.Reason.SERVER_SHUTDOWN
                : Disconnect.Reason.MATCH_OVER;
        room.disconnectAll(why, now);
        transport.flush();
        MatchState s = room.state();
        MatchReport report = MatchReport.of(reason, s == null ? null : s.result(), room.anyoneConnectedEver(),
                seconds);
        log.info("match over: {} after {} s, winner {}; {} invalid datagrams ignored, {} dropped before decoding",
                reason, seconds, report.winner(), room.endpoint().stats().dropped(), transport.droppedInbound());
        return report;
    }

    private Heartbeat heartbeat(MatchState s) {
        String phase = s == null || !room.anyoneConnectedEver() ? "WAITING"
                : s.phase() == MatchPhase.ENDED ? "ENDED" : "RUNNING";
        var stats = room.endpoint().stats();
        TickStatistics.Percentiles window = tickStats.window();
        return new Heartbeat(ticks, phase, room.connectedPlayers(), window.p50Ms(), window.p99Ms(), window.maxMs(),
                clock.missedTicks(), stats.bytesIn(), stats.bytesOut());
    }

    private void startAllocationPoller() {
        allocationPoller = Thread.ofVirtual().name("allocation-poll").start(() -> {
            while (!stopRequested && allocation.get() == null) {
                try {
                    reporter.awaitAllocation().ifPresent(a -> {
                        log.info("allocated: players {}, {} s", a.players(), a.matchSeconds());
                        allocation.set(a);
                        LockSupport.unpark(tickThread);
                    });
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("bad allocation ignored: {}", e.getMessage());
                }
            }
        });
    }

    /** Tick times, jitter and missed ticks start again from the next tick (after a benchmark's warm-up). */
    public void resetMeasurements() {
        tickStats.requestReset();
        linkResetAtMillis = System.currentTimeMillis();
    }

    /** Inputs never applied because no copy arrived before a later one was applied, as of the last tick (any thread). */
    public long inputsLost() {
        return inputsLostNow;
    }

    /** Connected players as of the last tick (any thread). */
    public int playersConnected() {
        return playersConnectedNow;
    }

    /** Datagrams the protocol dropped (invalid, unauthenticated, replayed...) as of the last tick (any thread). */
    public long droppedPackets() {
        return droppedNow;
    }

    /** Datagrams dropped before the protocol saw them: empty, over 1200 bytes, or the inbound queue full (any thread). */
    public long droppedInbound() {
        return transport.droppedInbound();
    }

    /** Measurements for the benchmark; read them after {@link #run()} returned. */
    public Metrics metrics() {
        var stats = room.endpoint().stats();
        TickStatistics.Percentiles wall = tickStats.wallTimes();
        TickStatistics.Percentiles cpu = tickStats.cpuTimes();
        return new Metrics(ticks, wall.p50Ms(), wall.p99Ms(), wall.maxMs(), cpu.p50Ms(), cpu.p99Ms(), cpu.maxMs(),
                clock.jitter().percentileMs(0.99), clock.missedTicks(), stats.bytesIn(), stats.bytesOut(),
                stats.maxPacketBytes(), room.snapshotStats().deltaToFullRatio(), stats.dropped(),
                transport.droppedInbound(), room.inputsLost(),
                EventAckTimes.percentile(room.eventAckTicks(), 0.99) * 1000.0 / args.tickRate());
    }

    /**
     * Tick times are wall clock (tickMs*) and the tick thread's own CPU time (tickCpuMs*), since the warm-up; so are
     * inputsLost and eventAckMsP99 (from a reliable event's tick to its ack's arrival; negative: no event acked).
     */
    public record Metrics(long ticks, double tickMsP50, double tickMsP99, double tickMsMax, double tickCpuMsP50,
                          double tickCpuMsP99, double tickCpuMsMax, double jitterMsP99, long missedTicks,
                          long bytesIn, long bytesOut, int maxPacketBytes, double deltaToFullRatio,
                          long droppedPackets, long droppedInbound, long inputsLost, double eventAckMsP99) {
    }
}
