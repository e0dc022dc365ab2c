package dev.skirmish.gameserver.host;

import dev.skirmish.gameserver.report.MatchReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one tick thread of a match host: it steps every match whose tick is due, each on its own schedule, and sleeps
 * until the earliest next one. The match list has this thread as its only owner; other threads hand it changes as
 * tasks. A match that throws is taken out and reported as crashed while the others keep ticking; only an error of
 * the JVM itself (out of memory, a stack overflow is not one) ends the thread, and with it the host.
 */
final class MatchScheduler implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MatchScheduler.class);
    /** The longest sleep with no match due, so a closed scheduler notices without a wake-up. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    interface Listener {
        void over(Hosted match, MatchReport report);

        void crashed(Hosted match, Throwable why);
    }

    private final Listener listener;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Hosted> matches = new ArrayList<>();
    private volatile boolean closed;
    private volatile Thread thread;
    /** Benchmarks' diagnosis of late ticks ({@link TickTrace}); null (off) unless its property is set. */
    private TickTrace trace;

    MatchScheduler(Listener listener) {
        this.listener = listener;
    }

    Thread start() {
        Thread t = Thread.ofPlatform().name("ticks").start(this);
        thread = t;
        return t;
    }

    void add(Hosted match) {
        submit(() -> {
            if (TickPhases.ENABLED && match.periodNanos() > 0) {
                match.firstTickAt(TickPhases.firstTick(System.nanoTime(), match.periodNanos(), matches));
            }
            matches.add(match);
        });
    }

    /** Takes a match out (if it is still in) and hands it to {@code then}, on the tick thread. */
    void remove(String sessionId, Consumer<Hosted> then) {
        submit(() -> {
            for (int i = 0; i < matches.size(); i++) {
                if (matches.get(i).sessionId().equals(sessionId)) {
                    then.accept(matches.remove(i));
                    return;
                }
            }
        });
    }

    void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void submit(Runnable task) {
        tasks.add(task);
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        HelperPolicy.tickThread();
        trace = TickTrace.fromSystemProperties();
        while (!closed) {
            if (!tasks.isEmpty()) {
                MDC.remove("sessionId"); // a task belongs to no match
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
            }
            long next = System.nanoTime() + IDLE_NANOS;
            int passDue = trace == null ? 0 : due(System.nanoTime());
            int ticked = 0;
            for (int i = 0; i < matches.size(); i++) {
                Hosted m = matches.get(i);
                MatchReport report;
                // overwritten per match, not removed after each: logback's MDC map then reuses its entry, where a
                // remove and put made a new one every tick of every match (the host tick thread's largest garbage)
                MDC.put("sessionId", m.sessionId());
                try {
                    long now = System.nanoTime();
                    if (trace == null) {
                        report = m.tickIfDue(now);
                    } else {
                        long dueAt = m.nextTickNanos();
                        trace.beforeTick(now);
                        report = m.tickIfDue(now);
                        if (report == null && m.nextTickNanos() != dueAt) {
                            trace.afterTick(m.sessionId(), dueAt, ticked++, passDue);
                        }
                    }
                } catch (Throwable e) {
                    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                        throw (VirtualMachineError) e;
                    }
                    log.error("match crashed in its tick: {}", e.toString(), e);
                    matches.remove(i--);
                    listener.crashed(m, e);
                    continue;
                }
                if (report != null) {
                    matches.remove(i--);
                    listener.over(m, report);
                } else {
                    next = Math.min(next, m.nextTickNanos());
                }
            }
            // parked, never spun: a spin before each of N matches' ticks would cost N times the single server's
            // ~1 % of a core; the park's overshoot (50-100 µs) only makes a tick start that much late
            if (trace != null) {
                // before the park's length is taken: its once-a-second summary (a /proc read per thread) took up to
                // 6 ms on a busy machine, and a park measured before it then ended that much past its deadline
                trace.passEnded(ticked);
            }
            long left = next - System.nanoTime();
            if (left > 0 && tasks.isEmpty()) {
                if (trace != null) {
                    trace.parking();
                }
                LockSupport.parkNanos(this, left);
                if (trace != null) {
                    trace.woke(System.nanoTime() - next);
                }
            }
        }
        if (trace != null) {
            trace.close();
        }
    }

    private int due(long now) {
        int n = 0;
        for (Hosted m : matches) {
            if (m.nextTickNanos() <= now) {
                n++;
            }
        }
        return n;
    }
}
