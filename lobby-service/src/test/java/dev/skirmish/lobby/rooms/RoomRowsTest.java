package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.support.ServiceTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
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
    @Autowired
    JdbcTemplate jdbc;

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
            r.setHomeNode("lobby-two");
        });

        RoomEntity jpa = tx.execute(s -> repository.findById(room.id()).orElseThrow());
        RoomEntity jdbc = tx.execute(s -> rows.lockAndLoad(room.id()).orElseThrow());

        assertThat(jdbc).usingRecursiveComparison().isEqualTo(jpa);
        assertThat(jdbc.getSeats()).extracting(Seat::getPlayerId).containsExactly(alice.playerId(), bob.playerId());
        assertThat(jdbc.getSeats().get(1).isReady()).isTrue();
        assertThat(jdbc.getCountdownEndsAt()).isEqualTo(endsAt);
        assertThat(jdbc.getHomeNode()).isEqualTo("lobby-two");
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

    /** Room affinity's home node (V18) is written by the JDBC insert and read back by JPA and by the join's read. */
    @Test
    void aRoomsHomeNodeIsStoredAndReadBack() {
        String id = java.util.UUID.randomUUID().toString();
        var r = new RoomEntity(id, "home", "nobody", 4, false, null, 180, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        r.setHomeNode("lobby-one");
        tx.executeWithoutResult(s -> rows.insert(r));
        try {
            assertThat(tx.execute(s -> repository.findById(id).orElseThrow()).getHomeNode()).isEqualTo("lobby-one");
            assertThat(tx.execute(s -> rows.lockAndLoad(id).orElseThrow()).getHomeNode()).isEqualTo("lobby-one");
            // the column refuses what is not a node name's length, whatever a future writer does
            assertThatThrownBy(() -> jdbc.update("update rooms set home_node = ? where id = ?", "", id)).isNotNull();
        } finally {
            jdbc.update("delete from rooms where id = ?", id);
        }
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

    /**
     * The join reads its room without a row lock on one node (H2 parses a locking select again on every call): the
     * rooms' one lock ({@link RoomLock}) must then keep two players racing for the last seat from both getting it.
     * With profile cluster, where other nodes change the same rows, the read takes the row lock again.
     */
    @Test
    void playersRacingForTheLastSeatGetOneSeatWithoutTheRowLock() throws Exception {
        assertThat(rows.roomQuery()).doesNotContainIgnoringCase("for update");
        var cluster = new StandardEnvironment();
        cluster.setActiveProfiles("cluster");
        assertThat(new RoomRows(jdbc, cluster).roomQuery()).endsWithIgnoringCase("for update");

        int racers = 6;
        var refusals = new ConcurrentLinkedQueue<String>();
        var roomIds = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (int round = 0; round < 20; round++) {
                var room = rooms.create(player("owner"), "last seat " + round, 2, false);
                roomIds.add(room.id());
                var ready = new CountDownLatch(racers);
                var start = new CountDownLatch(1);
                List<Future<?>> joins = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    var racer = player("racer");
                    joins.add(pool.submit(() -> {
                        ready.countDown();
                        start.await();
                        try {
                            rooms.join(racer, room.id(), null);
                        } catch (dev.skirmish.lobby.web.LobbyException e) {
                            refusals.add(e.code());
                        }
                        return null;
                    }));
                }
                assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
                start.countDown();
                for (Future<?> f : joins) f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(refusals).hasSize(20 * (racers - 1)).containsOnly("ROOM_FULL");
        for (String id : roomIds) {
            Integer stored = jdbc.queryForObject("select count(*) from room_seats where room_id = ?", Integer.class, id);
            assertThat(stored).isEqualTo(2);
        }
    }
}
