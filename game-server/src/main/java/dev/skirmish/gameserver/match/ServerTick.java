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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server tick of one match and what it measures: pump the socket, step, send snapshots, ask the end rule,
 * flush, heartbeat once a second. Runs on the tick thread (the match's own, or its host's scheduler); the stop flag
 * and the "as of the last tick" figures may be read from any thread.
 */
final class ServerTick {
    // GameServer's logger: the lifecycle's messages stay under one category
    private static final Logger log = LoggerFactory.getLogger(GameServer.class);

    private final LaunchArgs args;
    private final Reporter reporter;
    private final UdpTransport transport;
    private final MatchRoom room;
    private final WarmStart warm;
    private final TickClock clock;
    private final TickStatistics tickStats;
    private final MatchEndRule endRule;
    private volatile boolean stopRequested;
    private volatile int playersConnectedNow;
    private volatile long droppedNow;
    private volatile long inputsLostNow;
    /** When the per-player loss and event timings start again (0: never); set from any thread. */
    private volatile long linkResetAtMillis;
    private long ticks;
    private long nextHeartbeat;

    ServerTick(LaunchArgs args, Reporter reporter, UdpTransport transport, MatchRoom room, WarmStart warm) {
        this.args = args;
        this.reporter = reporter;
        this.transport = transport;
        this.room = room;
        this.warm = warm;
        this.clock = new TickClock(args.tickRate());
        this.tickStats = new TickStatistics(clock);
        this.endRule = new MatchEndRule(args.noPlayersTimeoutSeconds() * 1000L, args.allLeftTimeoutSeconds() * 1000L);
    }

    /**
     * A standalone server from READY to its last tick, on its own clock (a warm one first waits for its
     * allocation). The order in a tick matters: the end rule sees the state this tick produced, and the final
     * tick's datagrams (the disconnects) are flushed by {@link #finish}.
     */
    MatchReport runToEnd() {
        if (!args.warm()) {
            endRule.assigned(System.currentTimeMillis());
        }
        nextHeartbeat = System.currentTimeMillis() + 1000;
        if (args.warm()) {
            nextHeartbeat = warm.await(this, nextHeartbeat);
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

    /** A hosted match, just assigned: its clock starts now, the host's scheduler drives {@link #tickIfDue}. */
    void startHosted() {
        endRule.assigned(System.currentTimeMillis());
        nextHeartbeat = System.currentTimeMillis() + 1000;
        clock.restart();
        if (TickClock.HOSTED_KEEP_PHASE) {
            clock.keepPhaseOnMiss();
        }
        startMeasuring();
    }

    long nextTickNanos() {
        return clock.nextTickNanos();
    }

    long periodNanos() {
        return clock.periodNanos();
    }

    void firstTickAt(long nanos) {
        clock.restartAt(nanos);
    }

    MatchReport tickIfDue(long nowNanos) {
        return clock.startIfDue(nowNanos) ? tick() : null;
    }

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
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
        if (warm.assignIfAllocated()) {
            endRule.assigned(now);
        }
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

    /** A warm server's heartbeat while it waits for its allocation. */
    void heartbeatWhileWaiting() {
        reporter.heartbeat(heartbeat(room.state()));
    }

    private Heartbeat heartbeat(MatchState s) {
        String phase = s == null || !room.anyoneConnectedEver() ? "WAITING"
                : s.phase() == MatchPhase.ENDED ? "ENDED" : "RUNNING";
        var stats = room.endpoint().stats();
        TickStatistics.Percentiles window = tickStats.window();
        return new Heartbeat(ticks, phase, room.connectedPlayers(), window.p50Ms(), window.p99Ms(), window.maxMs(),
                clock.missedTicks(), stats.bytesIn(), stats.bytesOut());
    }

    void resetMeasurements() {
        tickStats.requestReset();
        linkResetAtMillis = System.currentTimeMillis();
    }

    long inputsLost() {
        return inputsLostNow;
    }

    int playersConnected() {
        return playersConnectedNow;
    }

    long droppedPackets() {
        return droppedNow;
    }

    GameServer.Metrics metrics() {
        var stats = room.endpoint().stats();
        TickStatistics.Percentiles wall = tickStats.wallTimes();
        TickStatistics.Percentiles cpu = tickStats.cpuTimes();
        return new GameServer.Metrics(ticks, wall.p50Ms(), wall.p99Ms(), wall.maxMs(), cpu.p50Ms(), cpu.p99Ms(),
                cpu.maxMs(), clock.jitter().percentileMs(0.99), clock.missedTicks(), stats.bytesIn(), stats.bytesOut(),
                stats.maxPacketBytes(), room.snapshotStats().deltaToFullRatio(), stats.dropped(),
                transport.droppedInbound(), room.inputsLost(),
                EventAckTimes.percentile(room.eventAckTicks(), 0.99) * 1000.0 / args.tickRate());
    }
}
