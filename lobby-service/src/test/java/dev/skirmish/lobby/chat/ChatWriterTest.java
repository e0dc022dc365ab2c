package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.web.LobbyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group-commit writer on its own. The store is a stand-in for the database that can be held shut, which is
 * what makes a full queue and "many messages waiting for one commit" reproducible (ChatServiceTest runs the real
 * H2/PostgreSQL path).
 */
class ChatWriterTest {
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<ChatMessage> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch open = new CountDownLatch(1);
    private final CountDownLatch firstBatchEntered = new CountDownLatch(1);
    private ChatWriter writer;

    private ChatWriter writer(int capacity, int batchSize) {
        writer = new ChatWriter(capacity, batchSize, batch -> {
            firstBatchEntered.countDown();
            try {
                if (!open.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("store never opened");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            batchSizes.add(batch.size());
            return stored(batch);
        }, delivered::add);
        writer.start();
        return writer;
    }

    private static final AtomicLong ID = new AtomicLong();

    /** What the database would answer: the same messages with increasing ids. */
    private static List<ChatMessage> stored(List<ChatStore.NewMessage> batch) {
        return batch.stream().map(m -> new ChatMessage(ID.incrementAndGet(), m.channel(), m.playerId(), m.playerName(), m.text(), m.sentAt())).toList();
    }

    private static ChatStore.NewMessage line(String text) {
        return new ChatStore.NewMessage("lobby", "p1", "alice", text, Instant.now());
    }

    @AfterEach
    void stop() {
        open.countDown();
        if (writer != null) writer.stop(Duration.ofSeconds(5));
    }

    @Test
    void messagesQueuedDuringACommitShareTheNextOneAndKeepTheirOrder() throws InterruptedException {
        writer(1000, 500);
        var futures = new ArrayList<CompletableFuture<ChatMessage>>();
        futures.add(writer.submit(line("m0")));
        assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 300; i++) futures.add(writer.submit(line("m" + i)));
        assertThat(futures.get(1)).as("not acknowledged before it is stored").isNotDone();
        assertThat(delivered).isEmpty();
        open.countDown();
        futures.forEach(CompletableFuture::join);
        assertThat(batchSizes).as("300 messages, one commit for the first and one for the 299 that waited").containsExactly(1, 299);
        assertThat(delivered).extracting(ChatMessage::text).containsExactlyElementsOf(futures.stream().map(f -> f.join().text()).toList());
        assertThat(delivered).extracting(ChatMessage::id).isSorted();
    }

    @Test
    void aBatchIsNeverLargerThanTheBatchSize() throws InterruptedException {
        writer(1000, 100);
        writer.submit(line("first"));
        assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
        var futures = new ArrayList<CompletableFuture<ChatMessage>>();
        for (int i = 0; i < 250; i++) futures.add(writer.submit(line("m" + i)));
        open.countDown();
        futures.forEach(CompletableFuture::join);
        assertThat(batchSizes).containsExactly(1, 100, 100, 50);
    }

    @Test
    void aFullQueueRefusesWithChatBusyAndLosesNothingAccepted() throws InterruptedException {
        writer(10, 500);
        var accepted = new ArrayList<CompletableFuture<ChatMessage>>();
        accepted.add(writer.submit(line("m0")));
        assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue(); // m0 is being stored, the queue is empty
        for (int i = 1; i <= 10; i++) accepted.add(writer.submit(line("m" + i)));
        assertThatThrownBy(() -> writer.submit(line("one too many")))
                .isInstanceOfSatisfying(LobbyException.class, e -> {
                    assertThat(e.code()).isEqualTo("CHAT_BUSY");
                    assertThat(e.getMessage()).contains("try again");
                });
        open.countDown();
        accepted.forEach(CompletableFuture::join);
        assertThat(delivered).extracting(ChatMessage::text).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
    }

    @Test
    void stopStoresAndDeliversEverythingAcceptedThenRefuses() throws InterruptedException {
        writer(1000, 500);
        var accepted = new ArrayList<CompletableFuture<ChatMessage>>();
        for (int i = 0; i < 50; i++) accepted.add(writer.submit(line("m" + i)));
        assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
        var stopping = Thread.ofPlatform().start(() -> writer.stop(Duration.ofSeconds(10)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !writer.isRunning()); // stop() waits for the held commit
        assertThatThrownBy(() -> writer.submit(line("late"))).isInstanceOfSatisfying(LobbyException.class,
                e -> assertThat(e.code()).isEqualTo("CHAT_BUSY"));
        open.countDown();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(accepted).allMatch(CompletableFuture::isDone);
        assertThat(delivered).hasSize(50);
        assertThat(writer.isRunning()).isFalse();
    }

    @Test
    void linesArrivingWithinTheLingerShareOneCommitAndKeepTheirOrder() throws InterruptedException {
        // lines 2 ms apart: a writer that stores at once commits each alone; with a linger longer than the 20 lines
        // take to arrive (2 s, far beyond them) they share the first one
        writer = new ChatWriter(1000, 500, Duration.ofSeconds(2), batch -> {
            batchSizes.add(batch.size());
            return stored(batch);
        }, delivered::add);
        writer.start();
        var futures = new ArrayList<CompletableFuture<ChatMessage>>();
        for (int i = 0; i < 20; i++) {
            futures.add(writer.submit(line("m" + i)));
            Thread.sleep(2);
        }
        futures.forEach(CompletableFuture::join);
        assertThat(batchSizes).as("20 lines arriving over ~40 ms, one commit").containsExactly(20);
        assertThat(delivered).extracting(ChatMessage::text).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
    }

    /** A writer whose first commit throws (the database is down), every later one stores. */
    private void startWriterWhoseFirstCommitFails() {
        var fail = new java.util.concurrent.atomic.AtomicBoolean(true);
        writer = new ChatWriter(100, 500, batch -> {
            if (fail.getAndSet(false)) throw new IllegalStateException("database is down");
            return stored(batch);
        }, delivered::add);
        writer.start();
    }

    @Test
    void aFailedCommitFailsItsMessagesAndTheWriterGoesOn() {
        startWriterWhoseFirstCommitFails();
        var lost = writer.submit(line("during the outage"));
        assertThatThrownBy(lost::join).hasCauseInstanceOf(LobbyException.class)
                .satisfies(e -> assertThat(((LobbyException) e.getCause()).code()).isEqualTo("CHAT_FAILED"));
        assertThat(writer.submit(line("after")).join().text()).isEqualTo("after");
        assertThat(delivered).extracting(ChatMessage::text).containsExactly("after");
    }

    @Test
    void aSenderThatWaitsForNothingIsToldOfAFailedCommitAndHearsItsLineOtherwise() {
        startWriterWhoseFirstCommitFails();
        var told = new CopyOnWriteArrayList<LobbyException>();
        writer.submit(line("during the outage"), told::add);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
        assertThat(told).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo("CHAT_FAILED"));
        writer.submit(line("after"), told::add);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        assertThat(delivered).extracting(ChatMessage::text).containsExactly("after");
        assertThat(told).hasSize(1);
    }

    @Test
    void linesTheStoreLeavesOutAreToldTheRefusalAndNeitherStoredNorDelivered() {
        // the store stands in for the shared chat limit: it stores the first two lines of a batch and leaves out the rest
        var storedTexts = new CopyOnWriteArrayList<String>();
        writer = new ChatWriter(100, 500, Duration.ofMillis(500), batch -> {
            batchSizes.add(batch.size());
            var out = new ArrayList<ChatMessage>();
            for (int i = 0; i < batch.size(); i++) {
                ChatMessage m = i < 2 ? stored(List.of(batch.get(i))).getFirst() : null;
                if (m != null) storedTexts.add(m.text());
                out.add(m);
            }
            return out;
        }, delivered::add, m -> new LobbyException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "CHAT_RATE_LIMITED", "slow down " + m.text()));
        writer.start();
        var told = new CopyOnWriteArrayList<String>();
        var first = writer.submit(line("m0"));
        var second = writer.submit(line("m1"));
        var third = writer.submit(line("m2"));
        writer.submit(line("m3"), e -> told.add(e.code() + " " + e.getMessage()));
        assertThat(first.join().text()).isEqualTo("m0");
        assertThat(second.join().text()).isEqualTo("m1");
        assertThatThrownBy(third::join).hasCauseInstanceOf(LobbyException.class)
                .satisfies(e -> assertThat(((LobbyException) e.getCause()).code()).isEqualTo("CHAT_RATE_LIMITED"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
        assertThat(batchSizes).as("the four lines within the linger share one batch").containsExactly(4);
        assertThat(told).containsExactly("CHAT_RATE_LIMITED slow down m3");
        assertThat(storedTexts).containsExactly("m0", "m1");
        assertThat(delivered).extracting(ChatMessage::text).containsExactly("m0", "m1");
    }

    @Test
    void aStoppedWriterStartsAgain() {
        open.countDown();
        writer(100, 500);
        assertThat(writer.submit(line("before")).join().text()).isEqualTo("before");
        writer.stop(Duration.ofSeconds(5));
        // Spring pauses cached test contexts and restarts their lifecycle beans
        writer.start();
        assertThat(writer.submit(line("after")).join().text()).isEqualTo("after");
    }
}
