package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.matches.MatchAssignment;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.ServiceTestBase;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.skirmish.lobby.support.EventLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Start rules, countdown (400 ms in tests) and its cancellation, launch success/failure, match end, empty-room removal.
 * A step that must come before a timer (a leave during the countdown, a join before the removal) is checked against
 * the clock: on a loaded machine this thread can be held up past the timer, and such a try proves nothing either
 * way, so it is made again with a fresh room (at most {@link #TRIES} times) instead of failing or passing.
 */
class RoomLifecycleTest extends ServiceTestBase {
    @Autowired
    RoomService rooms;
    @Autowired
    RoomStarts starts;
    @Autowired
    RoomRepository repository;
    @Autowired
    MatchService matches;
    @Autowired
    EventLog events;
    @Autowired
    LobbyProperties props;

    private static final int TRIES = 5;
    /** How early a timer may fire by the wall clock (its delay is measured on another clock); the ledger allows 50 ms. */
    private static final Duration TIMER_SLACK = Duration.ofMillis(50);

    @AfterEach
    void orchestratorSucceedsAgain() {
        FakeOrchestrator.shared().failWith(0);
    }

    private record Pair(PlayerToken alice, PlayerToken bob, RoomView room) {
    }

    private Pair readyPair() {
        var alice = player("alice");
        var bob = player("bob");
        var room = rooms.create(alice, "arena", 4, false);
        rooms.join(bob, room.id(), null);
        rooms.ready(alice, room.id(), true);
        rooms.ready(bob, room.id(), true);
        return new Pair(alice, bob, room);
    }

    private boolean orchestratorAskedFor(String roomId) {
        return FakeOrchestrator.shared().requests().stream().anyMatch(r -> r.get("roomId").asString().equals(roomId));
    }

    private List<RoomEvent> roomEvents(String roomId, String type) {
        return events.stream(RoomEvent.class).filter(e -> e.roomId().equals(roomId) && e.type().equals(type)).toList();
    }

    /** True when this try's step ended too late to prove anything (the timer at {@code due} may have run first) and tries are left. */
    private static boolean heldUpPast(Instant due, int attempt) {
        return attempt < TRIES && !Instant.now().isBefore(due.minus(TIMER_SLACK));
    }

    /** A ready pair whose countdown {@code step} interrupts before it runs out (see the class comment). */
    private Pair interruptedCountdown(java.util.function.Consumer<Pair> step) {
        for (int attempt = 1; ; attempt++) {
            var p = readyPair();
            var starting = starts.start(p.alice(), p.room().id());
            assertThat(starting.state()).isEqualTo(RoomState.STARTING);
            assertThat(starting.startsAt()).isAfter(Instant.now().minusSeconds(1));
            step.accept(p);
            if (!roomEvents(p.room().id(), "COUNTDOWN_CANCELLED").isEmpty() || !heldUpPast(starting.startsAt(), attempt)) return p;
        }
    }

    @Test
    void startNeedsTheOwnerTwoPlayersAndEveryoneReady() {
        var alice = player("alice");
        var bob = player("bob");
        var room = rooms.create(alice, "rules", 4, false);
        rooms.ready(alice, room.id(), true);
        refused(409, "NOT_ENOUGH_PLAYERS", () -> starts.start(alice, room.id()));
        rooms.join(bob, room.id(), null);
        refused(403, "NOT_OWNER", () -> starts.start(bob, room.id()));
        refused(409, "PLAYERS_NOT_READY", () -> starts.start(alice, room.id()));
    }

    @Test
    void aLeaveDuringTheCountdownCancelsItAndNoSessionIsRequested() {
        var p = interruptedCountdown(q -> rooms.leave(q.bob(), q.room().id()));
        assertThat(rooms.get(p.room().id(), p.alice().playerId()).state()).isEqualTo(RoomState.OPEN);
        assertThat(roomEvents(p.room().id(), "COUNTDOWN_CANCELLED")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains(p.bob().name()));
        // well past the 400 ms countdown: still open, nobody asked the orchestrator
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(10))
                .until(() -> !orchestratorAskedFor(p.room().id()) && rooms.get(p.room().id(), null).state() == RoomState.OPEN);
    }

    @Test
    void anUnreadyDuringTheCountdownCancelsIt() {
        var p = interruptedCountdown(q -> rooms.ready(q.bob(), q.room().id(), false));
        assertThat(roomEvents(p.room().id(), "COUNTDOWN_CANCELLED")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("not ready"));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(10)).until(() -> !orchestratorAskedFor(p.room().id()));
    }

    @Test
    void theCountdownLaunchesTheMatchAndTheResultReopensTheRoom() {
        var p = readyPair();
        var carol = player("carol");
        var starting = starts.start(p.alice(), p.room().id());
        var refusal = assertThrows(LobbyException.class, () -> rooms.join(carol, p.room().id(), null));
        assertThat(refusal.status().value()).isEqualTo(409);
        // a join that only ended after the countdown ran out (this thread held up) may meet the match already
        if (Instant.now().isBefore(starting.startsAt())) assertThat(refusal.code()).isEqualTo("ROOM_STARTING");
        else assertThat(refusal.code()).isIn("ROOM_STARTING", "ROOM_IN_GAME");
        await().atMost(Duration.ofSeconds(10)).until(() -> rooms.get(p.room().id(), null).state() == RoomState.IN_GAME);

        var request = FakeOrchestrator.shared().requests().stream().filter(r -> r.get("roomId").asString().equals(p.room().id())).findFirst().orElseThrow();
        assertThat(request.get("players")).hasSize(2);
        assertThat(request.get("matchSeconds").asInt()).as("the configured default").isEqualTo(60);
        assertThat(p.room().matchSeconds()).isEqualTo(60);
        // the assignments go out after the launch's transaction commits, which may be just after the room reads IN_GAME
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events.stream(MatchAssignment.class)
                .filter(a -> a.roomId().equals(p.room().id()))).hasSize(2));
        var assignments = events.stream(MatchAssignment.class).filter(a -> a.roomId().equals(p.room().id())).toList();
        assertThat(assignments).extracting(MatchAssignment::playerId).containsExactlyInAnyOrder(p.alice().playerId(), p.bob().playerId());
        assertThat(assignments).allSatisfy(a -> {
            assertThat(a.token()).isEqualTo("token-for-" + a.name());
            assertThat(a.host()).isEqualTo("127.0.0.1");
            assertThat(a.port()).isEqualTo(7003);
        });
        refused(409, "ROOM_IN_GAME", () -> rooms.join(carol, p.room().id(), null));

        String sessionId = rooms.get(p.room().id(), null).sessionId();
        var result = new SessionEvent.Result("MATCH_END", p.alice().name(), 60.0, List.of(
                new SessionEvent.PlayerScore(p.alice().name(), 3, 1, 7), new SessionEvent.PlayerScore(p.bob().name(), 1, 3, 2)));
        var ended = new SessionEvent(UUID.randomUUID().toString(), "SESSION_ENDED", sessionId, p.room().id(), Instant.now(), "MATCH_END", result);
        assertThat(matches.apply(ended)).isTrue();
        assertThat(matches.apply(ended)).as("the same eventId again is ignored").isFalse();

        var reopened = rooms.get(p.room().id(), null);
        assertThat(reopened.state()).isEqualTo(RoomState.OPEN);
        assertThat(reopened.players()).noneMatch(RoomView.PlayerView::ready);
        assertThat(roomEvents(p.room().id(), "ENDED")).hasSize(1);
        var history = matches.forPlayer(p.bob().playerId(), 0, 10, 100).getContent();
        assertThat(history).singleElement().satisfies(m -> {
            assertThat(m.winner()).isEqualTo(p.alice().name());
            assertThat(m.state()).isEqualTo("ENDED");
            assertThat(m.players()).extracting(s -> s.kills()).containsExactly(3, 1);
        });
        assertThat(matches.forPlayer(p.alice().name(), 0, 10, 100).getContent()).hasSize(1);
    }

    @Test
    void aRoomsOwnMatchLengthIsShownAndSentToTheOrchestrator() {
        var alice = player("alice");
        var bob = player("bob");
        refused(400, "INVALID_MATCH_SECONDS", () -> rooms.create(alice, "short", 2, false, 29));
        refused(400, "INVALID_MATCH_SECONDS", () -> rooms.create(alice, "long", 2, false, 3601));
        var room = rooms.create(alice, "demo-" + alice.name(), 2, false, 30);
        assertThat(room.matchSeconds()).isEqualTo(30);
        assertThat(rooms.list(null, "demo-" + alice.name(), 0, 100).getContent()).filteredOn(r -> r.id().equals(room.id()))
                .singleElement().satisfies(r -> assertThat(r.matchSeconds()).isEqualTo(30));
        rooms.join(bob, room.id(), null);
        rooms.ready(alice, room.id(), true);
        rooms.ready(bob, room.id(), true);
        starts.start(alice, room.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> orchestratorAskedFor(room.id()));
        var request = FakeOrchestrator.shared().requests().stream().filter(r -> r.get("roomId").asString().equals(room.id())).findFirst().orElseThrow();
        assertThat(request.get("matchSeconds").asInt()).isEqualTo(30);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream(MatchAssignment.class)
                .filter(a -> a.roomId().equals(room.id())).count() == 2);
        assertThat(events.stream(MatchAssignment.class).filter(a -> a.roomId().equals(room.id())))
                .allSatisfy(a -> assertThat(a.matchSeconds()).isEqualTo(30));
    }

    @Test
    void aCrashReopensTheRoomToo() {
        var p = readyPair();
        starts.start(p.alice(), p.room().id());
        await().atMost(Duration.ofSeconds(10)).until(() -> rooms.get(p.room().id(), null).state() == RoomState.IN_GAME);
        String sessionId = rooms.get(p.room().id(), null).sessionId();
        matches.apply(new SessionEvent("e-" + UUID.randomUUID(), "SESSION_CRASHED", sessionId, p.room().id(), Instant.now(), "EXIT_CODE_137", null));
        assertThat(rooms.get(p.room().id(), null).state()).isEqualTo(RoomState.OPEN);
        assertThat(roomEvents(p.room().id(), "ENDED")).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("EXIT_CODE_137"));
        assertThat(matches.forPlayer(p.alice().playerId(), 0, 10, 100).getContent()).singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo("CRASHED"));
    }

    @Test
    void anOrchestratorFailureReopensTheRoomWithTheReason() {
        FakeOrchestrator.shared().failWith(503);
        var p = readyPair();
        starts.start(p.alice(), p.room().id());
        await().atMost(Duration.ofSeconds(10)).until(() -> !roomEvents(p.room().id(), "START_FAILED").isEmpty());
        assertThat(roomEvents(p.room().id(), "START_FAILED").getFirst().reason()).contains("no game server capacity");
        assertThat(rooms.get(p.room().id(), null).state()).isEqualTo(RoomState.OPEN);
        assertThat(events.stream(MatchAssignment.class).filter(a -> a.roomId().equals(p.room().id()))).isEmpty();
    }

    @Test
    void anEmptyRoomIsRemovedAfterItsTimeToLive() {
        var alice = player("alice");
        var room = rooms.create(alice, "lonely", 4, false);
        Instant left = Instant.now();
        rooms.leave(alice, room.id());
        // the event goes out after the delete commits: once it is here the row is gone for every reader
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(roomEvents(room.id(), "REMOVED")).hasSize(1));
        assertThat(repository.existsById(room.id())).isFalse();
        // not at once but after its time to live, measured by when the removal was published rather than by when
        // this thread last looked (which a loaded machine can delay past the 600 ms)
        assertThat(events.publishedAt(roomEvents(room.id(), "REMOVED").getFirst()))
                .isAfterOrEqualTo(left.plus(props.emptyRoomTtl()).minus(TIMER_SLACK));
    }

    @Test
    void aJoinBeforeRemovalKeepsTheRoomAndTheJoinerOwnsIt() {
        var alice = player("alice");
        var bob = player("bob");
        for (int attempt = 1; ; attempt++) {
            var room = rooms.create(alice, "revived", 4, false);
            Instant left = Instant.now();
            rooms.leave(alice, room.id());
            try {
                rooms.join(bob, room.id(), null);
            } catch (LobbyException e) {
                // gone before the join: only allowed when the join came after the time to live (see the class comment)
                if ("ROOM_NOT_FOUND".equals(e.code()) && heldUpPast(left.plus(props.emptyRoomTtl()), attempt)) continue;
                throw e;
            }
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(10)).until(() -> repository.existsById(room.id()));
            assertThat(rooms.get(room.id(), bob.playerId()).ownerId()).isEqualTo(bob.playerId());
            return;
        }
    }
}
