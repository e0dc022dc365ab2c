package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.support.EventLog;
import dev.skirmish.lobby.support.ServiceTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room events go out after the rooms' lock is released, in the order of the changes ({@link RoomEventQueue}). Two
 * ways that can break: a publisher that holds the lock (a slow or descheduled listener then stops every room change
 * of the node: issue 19's join p99), and threads that publish their own events after the lock in whatever order
 * they get a core (a client would see a room of 5 after the room of 6 and keep the stale one).
 */
class RoomEventOrderTest extends ServiceTestBase {
    @Autowired
    RoomService rooms;
    @Autowired
    EventLog log;
    @Autowired
    ApplicationEventMulticaster multicaster;

    private final List<ApplicationListener<?>> added = new ArrayList<>();

    @AfterEach
    void removeListeners() {
        added.forEach(multicaster::removeApplicationListener);
    }

    private void onRoomEvent(Consumer<RoomEvent> listener) {
        ApplicationListener<?> l = ApplicationListener.forPayload(p -> {
            if (p instanceof RoomEvent e) listener.accept(e);
        });
        added.add(l);
        multicaster.addApplicationListener(l);
    }

    /** A listener stuck on one room's event (its thread descheduled, a slow broker) must not stop another room's join. */
    @Test
    void aJoinCommitsWhileAnotherChangesEventsAreStillBeingPublished() throws Exception {
        var slow = rooms.create(player("owner"), "slow", 4, false);
        var other = rooms.create(player("owner"), "other", 4, false);
        var stuck = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        onRoomEvent(e -> {
            if (e.roomId().equals(slow.id()) && e.type().equals("JOINED")) {
                stuck.countDown();
                await(release);
            }
        });
        PlayerToken first = player("first"), second = player("second");
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RoomView> slowJoin = threads.submit(() -> rooms.join(first, slow.id(), null));
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
            Future<RoomView> otherJoin = threads.submit(() -> rooms.join(second, other.id(), null));
            // the second join ran under the rooms' lock (its seat is indexed) while the first one's event is still in its listener
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!rooms.isMember(second.playerId(), other.id()) && System.nanoTime() < until) Thread.sleep(5);
            assertThat(rooms.isMember(second.playerId(), other.id())).as("the other room's join committed meanwhile").isTrue();
            assertThat(slowJoin.isDone()).isFalse();
            release.countDown();
            assertThat(slowJoin.get(10, TimeUnit.SECONDS).players()).hasSize(2);
            assertThat(otherJoin.get(10, TimeUnit.SECONDS).players()).hasSize(2);
        } finally {
            release.countDown();
        }
        // each caller returned only after its own event was out
        assertThat(joinedIn(other.id())).containsExactly(2);
    }

    /** 7 joiners racing into each of 12 rooms, listeners of uneven speed: every room's JOINED events in seat order. */
    @Test
    void eachRoomsEventsArePublishedInTheOrderOfItsChanges() throws Exception {
        onRoomEvent(e -> {
            // uneven listener time: threads publishing for themselves would overtake each other here
            if (e.type().equals("JOINED") && ThreadLocalRandom.current().nextInt(3) == 0) sleep(ThreadLocalRandom.current().nextInt(1, 4));
        });
        List<RoomView> created = new ArrayList<>();
        for (int r = 0; r < 12; r++) created.add(rooms.create(player("owner"), "order " + r, 8, false));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var joins = new ArrayList<Future<RoomView>>();
            var start = new CountDownLatch(1);
            for (RoomView room : created) {
                for (int j = 0; j < 7; j++) {
                    PlayerToken p = player("joiner");
                    joins.add(threads.submit(() -> {
                        await(start);
                        RoomView v = rooms.join(p, room.id(), null);
                        // returned only once its own JOINED event is out
                        assertThat(log.stream(RoomEvent.class).anyMatch(e -> e.type().equals("JOINED") && e.roomId().equals(room.id())
                                && e.player().get("id").equals(p.playerId()))).isTrue();
                        return v;
                    }));
                }
            }
            start.countDown();
            for (Future<RoomView> f : joins) f.get(30, TimeUnit.SECONDS);
        }
        for (RoomView room : created) assertThat(joinedIn(room.id())).as(room.name()).containsExactly(2, 3, 4, 5, 6, 7, 8);
    }

    private List<Integer> joinedIn(String roomId) {
        return log.stream(RoomEvent.class).filter(e -> e.type().equals("JOINED") && e.roomId().equals(roomId))
                .map(e -> e.room().players().size()).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
