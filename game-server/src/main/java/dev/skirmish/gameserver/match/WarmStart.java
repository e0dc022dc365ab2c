package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.report.Reporter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warm server: started before its match is known, it rehearses, reports READY and waits for an allocation (the
 * players and the match length) from the orchestrator. A virtual thread polls for it; the tick thread takes it
 * over at the start of a tick.
 */
final class WarmStart {
    // GameServer's logger: the lifecycle's messages stay under one category
    private static final Logger log = LoggerFactory.getLogger(GameServer.class);
    /** A warm server's match against itself before READY ({@link Rehearsal}): 10 s of game time at 60 Hz. */
    static final int REHEARSAL_TICKS = 600;

    private final Reporter reporter;
    private final MatchRoom room;
    private final UdpTransport transport;
    private final AtomicReference<Reporter.Allocation> allocation = new AtomicReference<>();
    private volatile Thread poller;

    WarmStart(Reporter reporter, MatchRoom room, UdpTransport transport) {
        this.reporter = reporter;
        this.room = room;
        this.transport = transport;
    }

    /** Plays a short match against itself so the first real ticks run compiled code. */
    static void rehearse(int tickRate) {
        long t0 = System.nanoTime();
        Rehearsal.play(tickRate, REHEARSAL_TICKS);
        log.info("rehearsed {} ticks in {} ms", REHEARSAL_TICKS, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Polls the orchestrator until an allocation arrives or {@code tick} is stopped; wakes {@code tickThread}. */
    void startPolling(ServerTick tick, Thread tickThread) {
        poller = Thread.ofVirtual().name("allocation-poll").start(() -> {
            while (!tick.stopRequested() && allocation.get() == null) {
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

    void stopPolling() {
        Thread p = poller;
        if (p != null) {
            p.interrupt();
        }
    }

    /**
     * A warm server has nothing to simulate until it is allocated, so it sleeps instead of ticking: a pool of
     * waiting servers then costs next to no CPU, which the servers that are playing on the same cores need (an idle
     * 60 Hz loop cost ~4 % of a core per server). It still heartbeats every second and pumps its socket (the
     * endpoint admits nobody yet); an allocation or a stop wakes it at once. Returns the next heartbeat's time.
     */
    long await(ServerTick tick, long nextHeartbeat) {
        while (allocation.get() == null && !tick.stopRequested()) {
            long now = System.currentTimeMillis();
            if (now >= nextHeartbeat) {
                nextHeartbeat = now + 1000;
                tick.heartbeatWhileWaiting();
            }
            room.pump(now);
            transport.flush();
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextHeartbeat - now)));
        }
        return nextHeartbeat;
    }

    /** On the tick thread: assigns the match if an allocation arrived and it is not assigned yet. */
    boolean assignIfAllocated() {
        Reporter.Allocation a = allocation.get();
        if (!room.assigned() && a != null) {
            room.assign(a.players(), a.matchSeconds());
            log.info("match assigned: {} players, {} s", a.players().size(), a.matchSeconds());
            return true;
        }
        return false;
    }
}
