package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.support.ServiceTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The join's JDBC path ({@link RoomRows}, docs/benchmarks.md) reads a room exactly as JPA does and writes only what a
 * join may change: a room read wrongly would let a join break a rule JPA's read enforced (a full room looking
 * open, a STARTING room looking OPEN), and a change beyond adding seats would be silently lost.
 */
class RoomRowsTest extends ServiceTestBase {
    @Autowired
    RoomService rooms;
    @Autowired
    RoomRows rows;
    @Autowired
    RoomRepository repository;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    RoomLedger ledger;

    @Test
    void readsEveryFieldAndSeatAsJpaDoes() {
        var alice = player("alice");
        var bob = player("bob");
        var room = rooms.create(alice, "rows", 4, true);
        rooms.join(bob, room.id(), room.code());
        rooms.ready(bob, room.id(), true);
        Instant endsAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        tx.executeWithoutResult(s -> {
            RoomEntity r = repository.findById(room.id()).orElseThrow();
            r.setState(RoomState.STARTING);
            r.setCountdown(42L, endsAt, true, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            r.setSessionId("s-1");
            r.setMatchId("m-1");
        });

        RoomEntity jpa = tx.execute(s -> repository.findById(room.id()).orElseThrow());
        RoomEntity jdbc = tx.execute(s -> rows.lockAndLoad(room.id()).orElseThrow());

        assertThat(jdbc).usingRecursiveComparison().isEqualTo(jpa);
        assertThat(jdbc.getSeats()).extracting(Seat::getPlayerId).containsExactly(alice.playerId(), bob.playerId());
        assertThat(jdbc.getSeats().get(1).isReady()).isTrue();
        assertThat(jdbc.getCountdownEndsAt()).isEqualTo(endsAt);
        Optional<RoomEntity> gone = tx.execute(s -> rows.lockAndLoad("no-such-room"));
        assertThat(gone).isEmpty();
    }

    /** A room created over JDBC must read back through JPA exactly as the one it was made from (every field, the seat). */
    @Test
    void aCreatedRoomIsStoredWithEveryFieldAndItsOwnersSeat() {
        var alice = player("alice");
        var room = rooms.create(alice, "created", 5, true, 240);

        RoomEntity jpa = tx.execute(s -> repository.findById(room.id()).orElseThrow());
        assertThat(jpa.getName()).isEqualTo("created");
        assertThat(jpa.getOwnerId()).isEqualTo(alice.playerId());
        assertThat(jpa.getCapacity()).isEqualTo(5);
        assertThat(jpa.isPrivateRoom()).isTrue();
        assertThat(jpa.getJoinCode()).isEqualTo(room.code()).hasSize(RoomService.CODE_LENGTH);
        assertThat(jpa.getState()).isEqualTo(RoomState.OPEN);
        assertThat(jpa.getMatchSeconds()).isEqualTo(240);
        assertThat(jpa.getCreatedAt()).isNotNull();
        assertThat(jpa.getEmptySince()).isNull();
        assertThat(jpa.getCountdownId()).isNull();
        assertThat(jpa.isLaunching()).isFalse();
        assertThat(jpa.getSeats()).extracting(Seat::getPlayerId).containsExactly(alice.playerId());
        assertThat(jpa.getSeats().getFirst().getPlayerName()).isEqualTo(alice.name());
        assertThat(rooms.roomOf(alice.playerId())).contains(room.id());
        // the seat claim is taken in the same transaction: a second room for the owner is refused
        assertThatThrownBy(() -> rooms.create(alice, "second", 4, false))
                .hasFieldOrPropertyWithValue("code", "ALREADY_IN_ROOM");
        // and the JDBC read of the join path sees the same room
        RoomEntity jdbc = tx.execute(s -> rows.lockAndLoad(room.id()).orElseThrow());
        assertThat(jdbc).usingRecursiveComparison().isEqualTo(jpa);
    }

    @Test
    void aChangeBeyondAddingSeatsIsRefusedAndRolledBack() {
        var alice = player("alice");
        var bob = player("bob");
        var room = rooms.create(alice, "not a join", 4, false);
        assertThatThrownBy(() -> ledger.addSeats(room.id(), (r, ev) -> {
            r.getSeats().add(new Seat(bob.playerId(), bob.name(), Instant.now()));
            r.setState(RoomState.IN_GAME);
            return r;
        }, null)).isInstanceOf(IllegalStateException.class);
        assertThat(rooms.get(room.id(), alice.playerId()).players()).hasSize(1);
        assertThat(rooms.get(room.id(), alice.playerId()).state()).isEqualTo(RoomState.OPEN);
        assertThat(rooms.roomOf(bob.playerId())).isEmpty();
    }
}
