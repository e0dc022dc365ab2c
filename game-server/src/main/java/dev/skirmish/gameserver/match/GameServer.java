package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.report.Heartbeat;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.MatchReport.EndReason;
import dev.skirmish.gameserver.report.Reporter;
import dev.skirmish.gameserver.tick.TickClock;
import dev.skirmish.gameserver.tick.TickHistogram;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    /** After the final whistle, snapshots keep flowing this long so MATCH_ENDED reaches everyone reliably. */
    static final long END_LINGER_MILLIS = 1000;
    /** A warm server's match against itself before READY ({@link Rehearsal}): 10 s of game time at 60 Hz. */
    static final int REHEARSAL_TICKS = 600;

    private final LaunchArgs args;
    private final Reporter reporter;
    private final UdpTransport transport;
    private final MatchRoom room;
    private final TickClock clock;
    private final TickHistogram tickTimes = new TickHistogram();
    private final TickHistogram tickWindow = new TickHistogram();
    /**
     * CPU time the tick thread itself used per tick: on a busy machine wall-clock tick times also hold the time the
     * thread waited for a core, this does not, so the two together tell work from preemption.
     */
    private final TickHistogram tickCpuTimes = new TickHistogram();
    private final ThreadMXBean threadCpu = ManagementFactory.getThreadMXBean();
    private final AtomicReference<Reporter.Allocation> allocation = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile boolean resetMeasurements;
    private volatile int playersConnectedNow;
    private volatile long droppedNow;
    private volatile Thread allocationPoller;
    /** The thread in {@link #run()}: woken by an allocation or a stop while a warm server waits. */
    private volatile Thread tickThread;
    private long ticks;

    /** Binds the UDP port; throws when it cannot. */
    public GameServer(LaunchArgs args, byte[] sessionKey, Reporter reporter) throws InterruptedException {
        this.args = args;
        this.reporter = reporter;
        this.transport = new UdpTransport(args.address(), args.port());
        this.room = new MatchRoom(args.sessionId(), sessionKey, args.tickRate(), args.seed(), transport,
                System.currentTimeMillis());
        this.clock = new TickClock(args.tickRate());
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

    private MatchReport loop() {
        long assignedAt = args.warm() ? -1 : System.currentTimeMillis();
        long startedAt = -1;
        long emptySince = -1;
        long endedAt = -1;
        long nextHeartbeat = System.currentTimeMillis() + 1000;
        if (args.warm()) {
            nextHeartbeat = awaitAllocation(nextHeartbeat);
            clock.restart();
        }
        long measureFrom = args.metricsWarmupSeconds() > 0
                ? System.currentTimeMillis() + args.metricsWarmupSeconds() * 1000L : Long.MAX_VALUE;
        while (true) {
            clock.awaitNextTick();
            long t0 = System.nanoTime();
            long cpu0 = threadCpu.getCurrentThreadCpuTime(); // -1 where the JVM cannot measure it
            if (System.currentTimeMillis() >= measureFrom) {
                measureFrom = Long.MAX_VALUE;
                resetMeasurements = true;
            }
            if (resetMeasurements) {
                resetMeasurements = false;
                tickTimes.reset();
                tickCpuTimes.reset();
                clock.resetStats();
            }
            long now = System.currentTimeMillis();
            if (!room.assigned() && allocation.get() != null) {
                Reporter.Allocation a = allocation.get();
                room.assign(a.players(), a.matchSeconds());
                log.info("match assigned: {} players, {} s", a.players().size(), a.matchSeconds());
                assignedAt = now;
            }
            transport.drain(d -> room.receive(d, now));
            room.update(now);
            room.step(now);
            ticks++;
            room.sendSnapshots(now, (int) (ticks % args.ticksPerSnapshot()), args.ticksPerSnapshot());
            MatchState s = room.state();
            if (s != null && s.phase() != MatchPhase.WAITING && startedAt < 0) {
                startedAt = now;
            }
            EndReason reason = null;
            if (stopRequested) {
                reason = EndReason.SHUTDOWN;
            } else if (s != null && s.phase() == MatchPhase.ENDED) {
                endedAt = endedAt < 0 ? now : endedAt;
                if (now - endedAt >= END_LINGER_MILLIS) {
                    reason = EndReason.MATCH_END;
                }
            } else if (assignedAt >= 0 && !room.anyoneConnectedEver()
                    && now - assignedAt >= args.noPlayersTimeoutSeconds() * 1000L) {
                reason = EndReason.NO_PLAYERS_CONNECTED;
            } else if (room.anyoneConnectedEver() && room.connectedPlayers() == 0) {
                emptySince = emptySince < 0 ? now : emptySince;
                if (now - emptySince >= args.allLeftTimeoutSeconds() * 1000L) {
                    reason = EndReason.ALL_PLAYERS_LEFT;
                }
            } else {
                emptySince = -1;
            }
            if (reason != null) {
                // the linger after the final whistle is not match time
                return finish(reason, startedAt, endedAt >= 0 ? endedAt : now, now);
            }
            transport.flush();
            playersConnectedNow = room.connectedPlayers();
            droppedNow = room.endpoint().stats().dropped();
            long took = System.nanoTime() - t0;
            tickTimes.record(took);
            if (cpu0 >= 0) {
                tickCpuTimes.record(threadCpu.getCurrentThreadCpuTime() - cpu0);
            }
            tickWindow.record(took);
            if (now >= nextHeartbeat) {
                nextHeartbeat = now + 1000;
                reporter.heartbeat(heartbeat(s));
                tickWindow.reset();
            }
        }
    }

    /**
     * A warm server has nothing to simulate until it is allocated, so it sleeps instead of ticking: a pool of
     * waiting servers then costs next to no CPU, which the servers that are playing on the same cores need (an idle
     * 60 Hz loop cost ~4 % of a core per server). It still heartbeats every second and drains its socket (the
     * endpoint admits nobody yet); an allocation or a stop wakes it at once.
     */
    private long awaitAllocation(long nextHeartbeat) {
        while (allocation.get() == null && !stopRequested) {
            long now = System.currentTimeMillis();
            if (now >= nextHeartbeat) {
                nextHeartbeat = now + 1000;
                reporter.heartbeat(heartbeat(room.state()));
            }
            transport.drain(d -> room.receive(d, now));
            room.update(now);
            transport.flush();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextHeartbeat - now)));
        }
        return nextHeartbeat;
    }

    private MatchReport finish(EndReason reason, long startedAt, long endedAt, long now) {
        Disconnect.Reason why = reason == EndReason.SHUTDOWN ? Disconnect.Reason.SERVER_SHUTDOWN
                : Disconnect.Reason.MATCH_OVER;
        room.disconnectAll(why, now);
        transport.flush();
        MatchState s = room.state();
        double seconds = startedAt < 0 ? 0 : (endedAt - startedAt) / 1000.0;
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
        return new Heartbeat(ticks, phase, room.connectedPlayers(), tickWindow.percentileMs(0.5),
                tickWindow.percentileMs(0.99), tickWindow.maxMs(), clock.missedTicks(), stats.bytesIn(),
                stats.bytesOut());
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
        resetMeasurements = true;
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
        return new Metrics(ticks, tickTimes.percentileMs(0.5), tickTimes.percentileMs(0.99), tickTimes.maxMs(),
                tickCpuTimes.percentileMs(0.5), tickCpuTimes.percentileMs(0.99), tickCpuTimes.maxMs(),
                clock.jitter().percentileMs(0.99), clock.missedTicks(), stats.bytesIn(), stats.bytesOut(),
                stats.maxPacketBytes(), room.snapshotStats().deltaToFullRatio(), stats.dropped(),
                transport.droppedInbound());
    }

    /** Tick times are wall clock (tickMs*) and the tick thread's own CPU time (tickCpuMs*), since the warm-up. */
    public record Metrics(long ticks, double tickMsP50, double tickMsP99, double tickMsMax, double tickCpuMsP50,
                          double tickCpuMsP99, double tickCpuMsMax, double jitterMsP99, long missedTicks,
                          long bytesIn, long bytesOut, int maxPacketBytes, double deltaToFullRatio,
                          long droppedPackets, long droppedInbound) {
    }
}
