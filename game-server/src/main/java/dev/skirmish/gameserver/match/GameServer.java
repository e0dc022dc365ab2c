package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.launch.LaunchArgs;
import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.Reporter;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one match process: bind → READY → (warm: wait for an allocation) → fixed-rate ticks with a
 * heartbeat every second → result. {@link #run()} owns the tick thread; {@link #requestStop()} may come from any
 * thread (the SIGTERM hook). In a match host the host's scheduler drives the ticks instead ({@link #startHosted}).
 *
 * <p>This class wires the match's parts and runs its lifecycle; a tick and its measurements are {@link ServerTick},
 * a warm server's wait for its allocation is {@link WarmStart}.
 */
public final class GameServer {
    private static final Logger log = LoggerFactory.getLogger(GameServer.class);

    private final LaunchArgs args;
    private final Reporter reporter;
    private final UdpTransport transport;
    private final MatchRoom room;
    private final WarmStart warm;
    private final ServerTick tick;
    /** The thread in {@link #run()}: woken by an allocation or a stop while a warm server waits. */
    private volatile Thread tickThread;

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
        this.warm = new WarmStart(reporter, room, transport);
        this.tick = new ServerTick(args, reporter, transport, room, warm);
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
                WarmStart.rehearse(args.tickRate());
            }
            reporter.ready(args.address(), port(), args.warm());
            log.info("ready on {}:{} ({} Hz{})", args.address(), port(), args.tickRate(),
                    args.warm() ? ", warm" : "");
            if (args.warm()) {
                warm.startPolling(tick, tickThread);
            } else {
                room.assign(args.players(), args.matchSeconds());
                log.info("match assigned: {} players, {} s", args.players().size(), args.matchSeconds());
            }
            MatchReport report = tick.runToEnd();
            if (args.metricsFile() != null) {
                MetricsFile.write(args.metricsFile(), metrics());
            }
            reporter.result(report);
            return report;
        } finally {
            warm.stopPolling();
            transport.close();
        }
    }

    /** Ends the match at the next tick with reason SHUTDOWN (clients are told). */
    public void requestStop() {
        tick.requestStop();
        LockSupport.unpark(tickThread);
    }

    // ---- a match in a host process (dev.skirmish.gameserver.host): its scheduler drives the ticks ----

    /** Reports READY and assigns the match; the host's scheduler then calls {@link #tickIfDue} (never warm). */
    public void startHosted() {
        tickThread = Thread.currentThread();
        reporter.ready(args.address(), port(), false);
        room.assign(args.players(), args.matchSeconds());
        log.info("ready on {}:{} ({} Hz, hosted), match assigned: {} players, {} s", args.address(), port(),
                args.tickRate(), args.players().size(), args.matchSeconds());
        tick.startHosted();
    }

    /** When this match's next tick is due ({@link System#nanoTime()} scale). */
    public long nextTickNanos() {
        return tick.nextTickNanos();
    }

    public long tickPeriodNanos() {
        return tick.periodNanos();
    }

    /** A hosted match's first tick, placed by its host's scheduler before the match ticks (tick thread). */
    public void firstTickAt(long nanos) {
        tick.firstTickAt(nanos);
    }

    /** Runs the tick due at {@code nowNanos}, if one is; the report once the match is over, else null. */
    public MatchReport tickIfDue(long nowNanos) {
        return tick.tickIfDue(nowNanos);
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

    // ---- measurements ----

    /** Tick times, jitter and missed ticks start again from the next tick (after a benchmark's warm-up). */
    public void resetMeasurements() {
        tick.resetMeasurements();
    }

    /** Inputs never applied because no copy arrived before a later one was applied, as of the last tick (any thread). */
    public long inputsLost() {
        return tick.inputsLost();
    }

    /** Connected players as of the last tick (any thread). */
    public int playersConnected() {
        return tick.playersConnected();
    }

    /** Datagrams the protocol dropped (invalid, unauthenticated, replayed...) as of the last tick (any thread). */
    public long droppedPackets() {
        return tick.droppedPackets();
    }

    /** Datagrams dropped before the protocol saw them: empty, over 1200 bytes, or the inbound queue full (any thread). */
    public long droppedInbound() {
        return transport.droppedInbound();
    }

    /** Measurements for the benchmark; read them after {@link #run()} returned. */
    public Metrics metrics() {
        return tick.metrics();
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
