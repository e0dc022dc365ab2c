package dev.skirmish.cli.bots;

import dev.skirmish.cli.text.Printable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters the swarm's progress line and summary are made of; updated by every bot thread. */
public final class BotStats {
    public final AtomicInteger loggedIn = new AtomicInteger();
    public final AtomicInteger inRoom = new AtomicInteger();
    public final AtomicInteger playing = new AtomicInteger();
    public final LongAdder chatsSent = new LongAdder();
    public final LongAdder matchesStarted = new LongAdder();
    /** Matches a room finished (counted once per room, by its owner). */
    public final LongAdder matchesFinished = new LongAdder();
    public final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    /** Lobby REST calls by operation, chat echo and start → connect token, measured by the bots. */
    public final Latencies latencies = new Latencies();

    public void error(String what) {
        errors.increment();
        errorKinds.computeIfAbsent(what.length() > 120 ? what.substring(0, 120) : what, k -> new LongAdder()).increment();
    }

    public String progress(int total) {
        return String.format("bots %d/%d logged in, %d in rooms, %d playing | chats %d, matches started %d, finished %d, errors %d",
                loggedIn.get(), total, inRoom.get(), playing.get(), chatsSent.sum(), matchesStarted.sum(), matchesFinished.sum(), errors.sum());
    }

    public String summary() {
        StringBuilder sb = new StringBuilder(String.format("summary: matches finished %d, matches started %d, chats %d, errors %d",
                matchesFinished.sum(), matchesStarted.sum(), chatsSent.sum(), errors.sum()));
        errorKinds.forEach((k, v) -> sb.append("\n  error x").append(v.sum()).append(": ").append(Printable.escape(k)));
        String table = latencies.table();
        if (!table.isEmpty()) {
            sb.append("\nlatency (lobby calls as the bots saw them):\n").append(table.stripTrailing());
        }
        return sb.toString();
    }

    /** Error message (cut to 120 characters) → how often. */
    public Map<String, Long> errorKinds() {
        Map<String, Long> out = new java.util.TreeMap<>();
        errorKinds.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
