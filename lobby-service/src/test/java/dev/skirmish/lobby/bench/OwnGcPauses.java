package dev.skirmish.lobby.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The harness JVM's own collector pauses while it is measuring: a pause here delays the receipt of every message in
 * flight, so it shows up as delivery latency although the lobby had sent in time. Pause beans only: G1's and
 * Parallel's collection beans, ZGC's "Pauses" beans (its "Cycles" beans and G1's "Concurrent GC" are concurrent work).
 */
final class OwnGcPauses implements AutoCloseable {
    private final LongAdder count = new LongAdder();
    private final LongAdder totalMs = new LongAdder();
    private final AtomicLong maxMs = new AtomicLong();
    private volatile boolean counting;
    private final NotificationListener listener = (n, h) -> {
        if (!counting || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (info.getGcName().contains("Cycles") || info.getGcName().contains("Concurrent")) return;
        long ms = info.getGcInfo().getDuration();
        count.increment();
        totalMs.add(ms);
        maxMs.accumulateAndGet(ms, Math::max);
    };

    OwnGcPauses() {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }

    void start() {
        counting = true;
    }

    void stop() {
        counting = false;
    }

    String collector() {
        return String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    }

    @Override
    public String toString() {
        return "%d pauses, %d ms in all, longest %d ms".formatted(count.sum(), totalMs.sum(), maxMs.get());
    }

    @Override
    public void close() throws Exception {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) ((NotificationEmitter) gc).removeNotificationListener(listener);
    }
}
