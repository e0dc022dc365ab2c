package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.chat.DeliveryBatch;
import java.util.ArrayList;
import org.springframework.stereotype.Component;

/**
 * Lets a thread that fans out many messages in a row (a chat delivery lane, one stored batch of lines) write each
 * connection once at the end instead of once per message: inside {@link #during}, a connection whose writer this
 * thread would start is only noted, and its frames are written together (one socket write for all of them) when the
 * batch is done. Writing each copy at once from the fan-out thread took three times the socket writes per delivery
 * of the writer threads it replaced, which had the same batching from their start-up delay (docs/benchmarks.md,
 * "Outbound writes without a thread per drain"). Outside a batch, and on every other thread, frames are written at
 * once. As a bean it is the chat writer's {@link DeliveryBatch}.
 */
@Component
final class DeferredWrites implements DeliveryBatch {
    /** The connections this thread will write at the end of its batch; null outside one. */
    private static final ThreadLocal<ArrayList<SessionOutbox>> PENDING = new ThreadLocal<>();

    @Override
    public void around(Runnable deliveries) {
        during(deliveries);
    }

    /** Runs {@code batch}, then writes every connection it queued frames for (also when it throws); a nested call joins the outer batch. */
    static void during(Runnable batch) {
        if (PENDING.get() != null) {
            batch.run();
            return;
        }
        var pending = new ArrayList<SessionOutbox>();
        PENDING.set(pending);
        try {
            batch.run();
        } finally {
            PENDING.remove();
            for (var outbox : pending) outbox.flush();
        }
    }

    /** Notes {@code outbox} for the end of this thread's batch; false when there is none (the caller writes now). */
    static boolean defer(SessionOutbox outbox) {
        var pending = PENDING.get();
        if (pending == null) return false;
        pending.add(outbox);
        return true;
    }
}
