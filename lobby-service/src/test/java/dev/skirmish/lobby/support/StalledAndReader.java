package dev.skirmish.lobby.support;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The slow-client tests' two players on the lobby chat: one whose raw socket never reads (its kernel buffers fill,
 * then the lobby's writes to it stop completing) and one that reads and chats. Made by
 * {@link IntegrationTestBase#stalledAndReader}; closing closes both connections.
 */
public final class StalledAndReader implements AutoCloseable {

    public final String stalledId;
    public final RawStompSocket stalled;
    public final StompTestClient reader;
    /** What the reading player hears on the lobby chat. */
    public final BlockingQueue<JsonNode> hears;

    StalledAndReader(String stalledId, RawStompSocket stalled, StompTestClient reader, BlockingQueue<JsonNode> hears) {
        this.stalledId = stalledId;
        this.stalled = stalled;
        this.reader = reader;
        this.hears = hears;
    }


    /** The reader sends {@code lines} copies of {@code text}; returns how many of them it heard back within {@code wait}. */
    public int wave(int lines, String text, Duration wait) throws InterruptedException {
        for (int i = 0; i < lines; i++) reader.chat("/app/lobby/chat", text);
        int got = 0;
        long deadline = System.nanoTime() + wait.toNanos();
        while (got < lines && System.nanoTime() < deadline) if (hears.poll(100, TimeUnit.MILLISECONDS) != null) got++;
        return got;
    }

    /** The reader says {@code text} and waits up to 10 s per line for it to come back; null if it never does. */
    public JsonNode echo(String text) throws InterruptedException {
        reader.chat("/app/lobby/chat", text);
        JsonNode last;
        do {
            last = hears.poll(10, TimeUnit.SECONDS);
        } while (last != null && !last.get("text").asString().equals(text));
        return last;
    }

    @Override
    public void close() throws IOException {
        try (stalled) {
            reader.close();
        }
    }
}
