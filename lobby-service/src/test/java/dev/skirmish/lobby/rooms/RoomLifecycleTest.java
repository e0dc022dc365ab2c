package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.matches.MatchAssignment;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.ServiceTestBase;
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

/** Start rules, countdown (400 ms in tests) and its cancellation, launch success/failure, match end, empty-room removal. */
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
    void aLeaveDuringTheCountdownCancelsItAndNoSessionIsRequested() throws InterruptedException {
        var p = readyPair();
        var starting = starts.start(p.alice(), p.room().id());
        assertThat(starting.state()).isEqualTo(RoomState.STARTING);
        assertThat(starting.startsAt()).isAfter(Instant.now().minusSeconds(1));
        rooms.leave(p.bob(), p.room().id());
        assertThat(rooms.get(p.room().id(), p.alice().playerId()).state()).isEqualTo(RoomState.OPEN);
        assertThat(roomEvents(p.room().id(), "COUNTDOWN_CANCELLED")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains(p.bob().name()));
        // well past the 400 ms countdown: still open, nobody asked the orchestrator
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> !orchestratorAskedFor(p.room().id()) && rooms.get(p.room().id(), null).state() == RoomState.OPEN);
    }

    @Test
    void anUnreadyDuringTheCountdownCancelsIt() {
        var p = readyPair();
        starts.start(p.alice(), p.room().id());
        rooms.ready(p.bob(), p.room().id(), false);
        assertThat(roomEvents(p.room().id(), "COUNTDOWN_CANCELLED")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("not ready"));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> !orchestratorAskedFor(p.room().id()));
    }

    @Test
    void theCountdownLaunchesTheMatchAndTheResultReopensTheRoom() {
        var p = readyPair();
        var carol = player("carol");
        starts.start(p.alice(), p.room().id());
        refused(409, "ROOM_STARTING", () -> rooms.join(carol, p.room().id(), null));
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
        rooms.leave(alice, room.id());
        assertThat(repository.existsById(room.id())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !repository.existsById(room.id()));
        assertThat(roomEvents(room.id(), "REMOVED")).hasSize(1);
    }

    @Test
    void aJoinBeforeRemovalKeepsTheRoomAndTheJoinerOwnsIt() {
        var alice = player("alice");
        var bob = player("bob");
        var room = rooms.create(alice, "revived", 4, false);
        rooms.leave(alice, room.id());
        rooms.join(bob, room.id(), null);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> repository.existsById(room.id()));
        assertThat(rooms.get(room.id(), bob.playerId()).ownerId()).isEqualTo(bob.playerId());
    }
}
