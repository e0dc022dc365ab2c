package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.web.LobbyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Group commit for chat. Senders only validate and enqueue; one writer thread takes whatever has queued up (at
 * most {@code batchSize}), stores it in one transaction, and only then hands each message to a delivery lane (one
 * thread per lane, the lane chosen by channel, so each room hears its messages in order while the fan-out of
 * different rooms runs in parallel and never holds up the next commit). A
 * delivered message is therefore always stored (nothing acknowledged is lost), one commit serves many messages
 * under load, and the inbound STOMP threads never wait on the database. Having taken a line, the writer may wait
 * a moment (the linger) for more: a writer that is always free at once commits nearly every line alone. The queue
 * is bounded: when it is full
 * the sender is refused with {@code CHAT_BUSY} instead of the lobby running out of memory. {@link #stop} stops
 * accepting and stores and delivers everything still queued. The store may leave lines of a batch out (profile
 * cluster's shared chat limit, charged in the batch's transaction): their senders are told through the same path as
 * a failure to store, on the lanes.
 */
final class ChatWriter {
    private static final Logger log = LoggerFactory.getLogger(ChatWriter.class);

    /** Exactly one of {@code done} (a caller that waits) and {@code notStored} (one told only of a failure) is set. */
    private record Pending(ChatStore.NewMessage message, CompletableFuture<ChatMessage> done, Consumer<LobbyException> notStored) {
        void stored(ChatMessage m) {
            if (done != null) done.complete(m);
        }

        void failed(LobbyException e) {
            if (done != null) done.completeExceptionally(e);
            else notStored.accept(e);
        }
    }

    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final long lingerNanos;
    private final Function<List<ChatStore.NewMessage>, List<ChatMessage>> store;
    private final Consumer<ChatMessage> deliver;
    private final Function<ChatStore.NewMessage, LobbyException> refusal;
    private final Object gate = new Object();
    private final int laneCount = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
    /** Volatile, not read under {@link #gate}: every chat line reads it, and the gate was contended (see enqueue). */
    private volatile boolean accepting;
    private Thread thread;
    private volatile ExecutorService[] lanes;

    /**
     * @param store   saves a batch in one transaction and returns the stored messages (with ids), in order
     * @param deliver publishes one stored message
     */
    ChatWriter(int capacity, int batchSize, Function<List<ChatStore.NewMessage>, List<ChatMessage>> store, Consumer<ChatMessage> deliver) {
        this(capacity, batchSize, Duration.ZERO, store, deliver);
    }

    /** @param linger the wait, once per batch, for more lines to share its transaction (0: none) */
    ChatWriter(int capacity, int batchSize, Duration linger, Function<List<ChatStore.NewMessage>, List<ChatMessage>> store, Consumer<ChatMessage> deliver) {
        this(capacity, batchSize, linger, store, deliver, m -> notStored());
    }

    /**
     * @param store   may leave a line out of its batch: null in its place in the returned list (the shared chat limit
     *                refused it in the batch's transaction)
     * @param refusal what the sender of such a line is told, through the same path as a failure to store
     */
    ChatWriter(int capacity, int batchSize, Duration linger, Function<List<ChatStore.NewMessage>, List<ChatMessage>> store, Consumer<ChatMessage> deliver,
               Function<ChatStore.NewMessage, LobbyException> refusal) {
        this.lingerNanos = linger.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.store = store;
        this.deliver = deliver;
        this.refusal = refusal;
    }

    /** Starts (or, after {@link #stop}, restarts: Spring may stop and start a context's lifecycle beans) the writer. */
    void start() {
        synchronized (gate) {
            accepting = true;
            // a writer that has not yet decided to exit keeps going; one that has cleared the field is gone
            // daemon: the flush on shutdown is stop(), run by the context's close (shutdown hook), not this thread's liveness
            if (thread == null) {
                if (lanes == null) lanes = newLanes();
                thread = Thread.ofPlatform().name("chat-writer").daemon(true).start(this::run);
            }
        }
    }

    boolean isRunning() {
        return accepting;
    }

    /**
     * Queues a message; the future completes with the stored message once it is stored and delivered.
     *
     * @throws LobbyException {@code CHAT_BUSY} when the queue is full or the lobby is shutting down
     */
    CompletableFuture<ChatMessage> submit(ChatStore.NewMessage message) {
        var pending = new Pending(message, new CompletableFuture<>(), null);
        enqueue(pending);
        return pending.done();
    }

    /**
     * Queues a message whose sender hears only of a failure to store it ({@code notStored}, called on the writer
     * thread): no future and no stage per line on the STOMP path, which has nothing to wait for.
     *
     * @throws LobbyException {@code CHAT_BUSY} when the queue is full or the lobby is shutting down
     */
    void submit(ChatStore.NewMessage message, Consumer<LobbyException> notStored) {
        enqueue(new Pending(message, null, java.util.Objects.requireNonNull(notStored)));
    }

    /*
     * No lock per line (a profile found the inbound threads and the writer waiting on one gate monitor for every
     * line; the writer's waits reached 35 ms). stop() may clear "accepting" between the check and the offer: the
     * writer leaves only when it finds the queue empty after that, so either it still takes this message, or it has
     * left before the offer and the second check sees the flag cleared and takes the message back (refused, never
     * stranded). If the writer took it first, remove() fails and the message is stored and delivered as usual.
     */
    private void enqueue(Pending pending) {
        if (!accepting) throw busy("the lobby is shutting down");
        if (!queue.offer(pending)) throw busy("chat is busy right now; try again in a moment");
        if (!accepting && queue.remove(pending)) throw busy("the lobby is shutting down");
    }

    int queued() {
        return queue.size();
    }

    /** Stops accepting, then waits up to {@code timeout} for everything queued to be stored and delivered. */
    void stop(Duration timeout) {
        Thread t;
        synchronized (gate) {
            accepting = false;
            t = thread;
        }
        if (t == null) return;
        try {
            t.join(timeout);
            if (t.isAlive()) {
                log.error("chat writer did not finish within {}; {} messages still queued", timeout, queue.size());
                return;
            }
            ExecutorService[] done;
            synchronized (gate) {
                done = lanes;
                if (thread == null) lanes = null;
            }
            if (done == null) return;
            for (ExecutorService lane : done) lane.shutdown();
            for (ExecutorService lane : done) {
                if (!lane.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) log.error("chat delivery lane did not finish within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ExecutorService[] newLanes() {
        var created = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            created[i] = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("chat-delivery-" + i).daemon(true).factory());
        }
        return created;
    }

    private void run() {
        var batch = new ArrayList<Pending>(batchSize);
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // only stop() ends the writer, and only once the queue is empty
                continue;
            }
            if (first == null) {
                synchronized (gate) {
                    if (!accepting && queue.isEmpty()) {
                        thread = null;
                        break;
                    }
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            if (lingerNanos > 0 && batch.size() < batchSize) {
                // one timed park, not a wait on the queue: a waiting writer would be signalled by every line's offer
                LockSupport.parkNanos(lingerNanos);
                queue.drainTo(batch, batchSize - batch.size());
            }
            write(batch);
            batch.clear();
        }
        log.info("chat writer stopped; queue flushed");
    }

    private void write(List<Pending> batch) {
        List<ChatMessage> saved;
        try {
            saved = store.apply(batch.stream().map(Pending::message).toList());
        } catch (RuntimeException e) {
            log.error("could not store {} chat messages; their senders are told", batch.size(), e);
            var failure = notStored();
            for (Pending p : batch) tell(p, failure);
            return;
        }
        // one task per lane per batch, not per line: each hand-off to a lane's executor costs a queue node and,
        // when the lane sleeps, a wake-up; a lane still delivers its lines in stored order
        ExecutorService[] current = lanes;
        // the batch list is the writer's and is reused: each lane gets its own list of what it delivers
        @SuppressWarnings("unchecked")
        List<Runnable>[] perLane = new List[current.length];
        for (int i = 0; i < batch.size(); i++) {
            ChatMessage m = saved.get(i);
            Pending done = batch.get(i);
            int lane = Math.floorMod(done.message().channel().hashCode(), current.length);
            if (perLane[lane] == null) perLane[lane] = new ArrayList<>();
            if (m != null) {
                perLane[lane].add(() -> deliver(m, done));
            } else {
                // told on the lane, as a delivery: the writer's thread never waits on the broker
                LobbyException refused = refusal.apply(done.message());
                perLane[lane].add(() -> tell(done, refused));
            }
        }
        for (int lane = 0; lane < current.length; lane++) {
            List<Runnable> mine = perLane[lane];
            if (mine != null) current[lane].execute(() -> mine.forEach(Runnable::run));
        }
    }

    /** what a sender whose line was not stored is told (a failed batch, or a line its store left out by default) */
    private static LobbyException notStored() {
        return new LobbyException(HttpStatus.SERVICE_UNAVAILABLE, "CHAT_FAILED", "your message could not be stored; send it again");
    }

    private static void tell(Pending p, LobbyException e) {
        try {
            p.failed(e);
        } catch (RuntimeException telling) {
            log.warn("could not tell a sender its chat message was not stored: {}", telling.toString());
        }
    }

    private void deliver(ChatMessage m, Pending done) {
        try {
            deliver.accept(m);
        } catch (RuntimeException e) {
            // stored: history has it even if this fan-out failed
            log.warn("chat message {} stored but not delivered: {}", m.id(), e.toString());
        }
        done.stored(m);
    }

    private static LobbyException busy(String why) {
        return new LobbyException(HttpStatus.SERVICE_UNAVAILABLE, "CHAT_BUSY", why);
    }
}
