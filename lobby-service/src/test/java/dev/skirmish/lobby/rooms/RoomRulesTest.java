package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.support.ServiceTestBase;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.skirmish.lobby.support.EventLog;

import static org.assertj.core.api.Assertions.assertThat;

/** Membership, capacity, private codes, kicks and ownership, called on the service directly. */
class RoomRulesTest extends ServiceTestBase {
    @Autowired
    RoomService rooms;
    @Autowired
    EventLog events;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fullRoomIsRefusedWith409() {
        var alice = player("alice");
        var bob = player("bob");
        var carol = player("carol");
        var room = rooms.create(alice, "duel", 2, false);
        rooms.join(bob, room.id(), null);
        refused(409, "ROOM_FULL", () -> rooms.join(carol, room.id(), null));
        assertThat(rooms.get(room.id(), alice.playerId()).players()).extracting(RoomView.PlayerView::name)
                .containsExactly(alice.name(), bob.name());
    }

    @Test
    void aPlayerSitsInAtMostOneRoom() {
        var alice = player("alice");
        var bob = player("bob");
        var a = rooms.create(alice, "room a", 4, false);
        refused(409, "ALREADY_IN_ROOM", () -> rooms.create(alice, "room b", 4, false));
        rooms.create(bob, "room b", 4, false);
        refused(409, "ALREADY_IN_ROOM", () -> rooms.join(bob, a.id(), null));
        assertThat(rooms.roomOf(alice.playerId())).contains(a.id());
    }

    /**
     * scrape27: the gauges' one grouped statement counts what the statement per state counts. Other test contexts on
     * a shared PostgreSQL may create or expire rooms meanwhile (their housekeeping timers), so the grouped read is
     * compared with per-state reads taken just before and just after it that agree with each other.
     */
    @Test
    void theRoomsByStateInOneStatementAreTheCountsPerState() {
        long changes = rooms.changes();
        rooms.create(player("alice"), "counted", 4, false);
        assertThat(rooms.changes()).as("this node's changes").isGreaterThan(changes);
        for (int attempt = 1; ; attempt++) {
            var before = countsPerState();
            var byState = rooms.countByState();
            if (before.equals(countsPerState())) {
                assertThat(byState).isEqualTo(before);
                assertThat(byState.get(RoomState.OPEN)).as("the room just created").isPositive();
                return;
            }
            assertThat(attempt).as("rooms kept changing between the reads").isLessThan(50);
        }
    }

    private Map<RoomState, Long> countsPerState() {
        var counts = new EnumMap<RoomState, Long>(RoomState.class);
        for (RoomState s : RoomState.values()) counts.put(s, jdbc.queryForObject("select count(*) from rooms where state = ?", Long.class, s.name())); // one statement per state
        return counts;
    }

    @Test
    void badRoomSettingsAreRefused() {
        var alice = player("alice");
        refused(400, "INVALID_CAPACITY", () -> rooms.create(alice, "x", 1, false));
        refused(400, "INVALID_CAPACITY", () -> rooms.create(alice, "x", 9, false));
        refused(400, "INVALID_ROOM_NAME", () -> rooms.create(alice, "\u0007 ", 4, false));
        refused(404, "ROOM_NOT_FOUND", () -> rooms.join(alice, "no-such-room", null));
    }

    @Test
    void privateRoomNeedsItsCodeAndIsNotListed() {
        var alice = player("alice");
        var bob = player("bob");
        var carol = player("carol");
        var room = rooms.create(alice, "friends only", 4, true);
        assertThat(room.code()).as("40 bits: 8 symbols of 32 (issue 13; were 6)").matches("[A-Z2-9]{8}");
        assertThat(rooms.list(null, "friends only", 0, 100).getContent()).extracting(RoomView::id).doesNotContain(room.id());
        refused(403, "WRONG_CODE", () -> rooms.join(bob, room.id(), null));
        refused(403, "WRONG_CODE", () -> rooms.join(bob, room.id(), "AAAAAA".equals(room.code()) ? "BBBBBB" : "AAAAAA"));
        assertThat(rooms.join(bob, room.id(), room.code().toLowerCase()).players()).hasSize(2);
        assertThat(rooms.joinByCode(carol, room.code()).id()).isEqualTo(room.id());
        // the code is shown to members only
        assertThat(rooms.get(room.id(), bob.playerId()).code()).isEqualTo(room.code());
        assertThat(rooms.get(room.id(), player("eve").playerId()).code()).isNull();
    }

    @Test
    void publicRoomsAreListedFilteredAndPaged() {
        // unique per run: a PostgreSQL test database keeps rooms from earlier runs
        String tag = "z" + Long.toString(System.nanoTime(), 36);
        for (int i = 1; i <= 3; i++) rooms.create(player("owner"), tag + "-" + i, 4, false);
        var page0 = rooms.list(RoomState.OPEN, tag.toUpperCase(), 0, 2);
        assertThat(page0.getTotalElements()).isEqualTo(3);
        assertThat(page0.getContent()).hasSize(2);
        assertThat(rooms.list(RoomState.OPEN, tag, 1, 2).getContent()).hasSize(1);
        assertThat(rooms.list(RoomState.IN_GAME, tag, 0, 10).getContent()).isEmpty();
    }

    @Test
    void onlyTheOwnerKicksAndTheKickedPlayerLosesItsSeat() {
        var alice = player("alice");
        var bob = player("bob");
        var carol = player("carol");
        var room = rooms.create(alice, "kicks", 4, false);
        rooms.join(bob, room.id(), null);
        rooms.join(carol, room.id(), null);
        refused(403, "NOT_OWNER", () -> rooms.kick(bob, room.id(), carol.playerId()));
        refused(404, "PLAYER_NOT_IN_ROOM", () -> rooms.kick(alice, room.id(), player("zed").playerId()));
        var after = rooms.kick(alice, room.id(), bob.playerId());
        assertThat(after.players()).extracting(RoomView.PlayerView::id).containsExactly(alice.playerId(), carol.playerId());
        assertThat(rooms.roomOf(bob.playerId())).isEmpty();
        assertThat(events.stream(RoomEvent.class).filter(e -> e.type().equals("KICKED") && e.roomId().equals(room.id())))
                .singleElement().satisfies(e -> assertThat(e.player().get("id")).isEqualTo(bob.playerId()));
    }

    @Test
    void whenTheOwnerLeavesTheLongestPresentMemberOwnsTheRoom() {
        var alice = player("alice");
        var bob = player("bob");
        var carol = player("carol");
        var room = rooms.create(alice, "heirs", 4, false);
        rooms.join(bob, room.id(), null);
        rooms.join(carol, room.id(), null);
        rooms.leave(alice, room.id());
        var now = rooms.get(room.id(), bob.playerId());
        assertThat(now.ownerId()).isEqualTo(bob.playerId());
        assertThat(now.owner()).isEqualTo(bob.name());
        assertThat(events.stream(RoomEvent.class).filter(e -> e.type().equals("OWNER_CHANGED") && e.roomId().equals(room.id())))
                .singleElement().satisfies(e -> assertThat(e.reason()).contains(bob.name()));
        refused(403, "NOT_A_MEMBER", () -> rooms.leave(alice, room.id()));
    }
}
