package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room affinity's interest state alone (a clock of the test's). What it stops: a line skipped that a node needs,
 * because that node was just heard, may have missed frames, speaks no interest frames, claims more rooms than the
 * bound, or has not acked a first subscriber's {@code +room}; and maps that grow with what RabbitMQ's publishers
 * send (peers and rooms bounded, silent peers dropped with their rooms).
 */
class InterestTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final List<String> out = new ArrayList<>();
    private final List<String> confirmed = new ArrayList<>();
    private Interest interest;

    @BeforeEach
    void connected() {
        interest = new Interest("me", f -> out.add(new String(f, StandardCharsets.US_ASCII)), new Interest.Rooms() {
            @Override
            public void confirmed(String room) {
                confirmed.add(room);
            }

            @Override
            public void unconfirmed(String room) {
                confirmed.remove(room);
            }
        }, now::get);
        interest.tick(true, true);
        assertThat(out).contains("Q", "S 1 0");
        assertThat(interest.skip("r")).as("quiet after connecting: peers unknown yet").isFalse();
        advance(Interest.QUIET_NANOS);
        interest.tick(true, true);
        out.clear();
    }

    private void advance(long nanos) {
        now.addAndGet(nanos);
    }

    private void frame(String origin, byte[] f) throws InterestFrames.Malformed {
        interest.received(origin, InterestFrames.decode(f));
    }

    @Test
    void aRoomIsSkippedOnlyWhenNoPeerIsInterestedOrInDoubt() throws Exception {
        assertThat(interest.skip("r")).as("alone").isTrue();
        interest.stranger("p");
        assertThat(interest.skip("r")).as("a new peer: in doubt until its snapshot").isFalse();
        frame("p", InterestFrames.snapshot(1, true, List.of("a")));
        assertThat(interest.skip("r")).as("a snapshot's first part only").isFalse();
        frame("p", InterestFrames.snapshot(1, false, List.of("b")));
        assertThat(out).contains("A p 1");
        assertThat(interest.skip("r")).isTrue();
        assertThat(interest.skip("a")).isFalse();
        assertThat(interest.skip("b")).isFalse();
        frame("p", InterestFrames.add(2, "r"));
        assertThat(out).contains("A p 2");
        assertThat(interest.skip("r")).isFalse();
        frame("p", InterestFrames.remove(3, "r"));
        assertThat(interest.skip("r")).isTrue();
        assertThat(interest.skip("bad.room")).as("an id no frame can carry is never skipped").isFalse();
    }

    @Test
    void aNodeThatMayHaveMissedFramesDoubtsEveryPeerUntilItsSnapshot() throws Exception {
        interest.stranger("p");
        frame("p", InterestFrames.snapshot(1, false, List.of()));
        assertThat(interest.skip("r")).isTrue();
        interest.lost(false);
        assertThat(interest.skip("r")).as("at once, before the tick handles it").isFalse();
        interest.tick(true, true);
        assertThat(out).contains("Q");
        assertThat(interest.skip("r")).isFalse();
        frame("p", InterestFrames.snapshot(2, false, List.of()));
        assertThat(interest.skip("r")).isTrue();
    }

    @Test
    void aReconnectedNodeSendsEverythingForTheQuietTimeAndUntilSnapshots() throws Exception {
        interest.stranger("p");
        frame("p", InterestFrames.snapshot(1, false, List.of()));
        interest.lost(true);
        interest.tick(true, true);
        frame("p", InterestFrames.snapshot(2, false, List.of()));
        assertThat(interest.skip("r")).as("the quiet time: peers not heard yet are unknown").isFalse();
        frame("p", InterestFrames.ack("me", 3));
        CompletableFuture<Void> receipt = interest.localAdd("r");
        frame("p", InterestFrames.ack("me", 4));
        assertThat(receipt).as("acked, but the request for snapshots may not be answered by everyone yet").isNotDone();
        advance(Interest.RECEIPT_SETTLE_NANOS);
        interest.tick(true, true);
        assertThat(receipt).isDone();
        advance(Interest.QUIET_NANOS);
        interest.tick(true, true);
        assertThat(interest.skip("r")).isTrue();
    }

    @Test
    void aFirstSubscribersReceiptWaitsForEveryLiveSpeakingPeersAck() throws Exception {
        interest.stranger("p");
        frame("p", InterestFrames.hello());
        CompletableFuture<Void> receipt = interest.localAdd("r");
        assertThat(out).contains("+ 2 r");
        assertThat(receipt).isNotDone();
        assertThat(confirmed).isEmpty();
        frame("p", InterestFrames.ack("someone-else", 2));
        assertThat(receipt).isNotDone();
        frame("p", InterestFrames.ack("me", 1));
        assertThat(receipt).as("an older ack").isNotDone();
        frame("p", InterestFrames.ack("me", 2));
        assertThat(receipt).isDone();
        assertThat(confirmed).containsExactly("r");
        interest.localRemove("r");
        assertThat(out).contains("- 3 r");
        assertThat(confirmed).isEmpty();
    }

    @Test
    void aReceiptWaitsNeitherForASilentPeerNorForAnOldOneAndEndsByItself() throws Exception {
        interest.stranger("old"); // never speaks: it skips nothing, so nothing to wait for
        CompletableFuture<Void> alone = interest.localAdd("r");
        assertThat(alone).isDone();
        interest.stranger("p");
        frame("p", InterestFrames.hello());
        CompletableFuture<Void> waiting = interest.localAdd("s");
        advance(Interest.LIVE_NANOS + 1);
        interest.heard("old");
        interest.tick(true, true);
        assertThat(waiting).as("p silent past LIVE: not waited for").isDone();
        interest.heard("p");
        CompletableFuture<Void> late = interest.localAdd("t");
        advance(Interest.WAITER_NANOS);
        interest.heard("p");
        interest.tick(true, true);
        assertThat(late).as("the wait's own end").isDone();
    }

    @Test
    void anOldPeerStaysInDoubtAndSilentPeersLeaveWithTheirRooms() throws Exception {
        interest.stranger("old");
        advance(Interest.LIVE_NANOS * 2);
        interest.tick(true, true);
        assertThat(interest.skip("r")).as("an old node: in doubt while it is kept").isFalse();
        interest.stranger("p");
        frame("p", InterestFrames.snapshot(1, false, List.of("x")));
        advance(Interest.DROP_NANOS + 1);
        interest.heard("old");
        interest.tick(true, false);
        assertThat(interest.peers()).as("nothing dropped while the inbound queue has a backlog").isEqualTo(2);
        interest.tick(true, true);
        assertThat(interest.peers()).isEqualTo(1);
        assertThat(interest.rooms()).isZero();
        advance(Interest.OLD_PEER_NANOS + 1);
        interest.tick(true, true);
        assertThat(interest.peers()).isZero();
        assertThat(interest.skip("r")).isTrue();
    }

    /**
     * Attack: memory exhaustion through RabbitMQ. A publisher with RabbitMQ credentials floods bundles under fresh node
     * ids, or one peer's {@code +room} frames for ever new rooms; without the bounds the peers and rooms maps grow
     * without end. Beyond them the node sends everything (doubt) instead of storing more.
     */
    @Test
    void peersAndRoomsAreBounded() throws Exception {
        for (int i = 0; i < Interest.MAX_PEERS; i++) {
            interest.stranger("p" + i);
            frame("p" + i, InterestFrames.snapshot(1, false, List.of()));
        }
        assertThat(interest.skip("r")).isTrue();
        interest.stranger("one-too-many");
        assertThat(interest.peers()).isEqualTo(Interest.MAX_PEERS);
        assertThat(interest.skip("r")).as("a stranger beyond the bound: doubt").isFalse();
        advance(Interest.DROP_NANOS);
        for (int i = 0; i < Interest.MAX_PEERS; i++) interest.heard("p" + i);
        interest.tick(true, true);
        assertThat(interest.skip("r")).isTrue();
        for (int i = 0; i < Interest.MAX_ROOMS_PER_PEER; i++) frame("p0", InterestFrames.add(2 + i, "room" + i));
        assertThat(interest.skip("r")).isTrue();
        frame("p0", InterestFrames.add(Interest.MAX_ROOMS_PER_PEER + 2, "over"));
        assertThat(interest.rooms()).isEqualTo(Interest.MAX_ROOMS_PER_PEER);
        assertThat(interest.skip("r")).as("a peer over its bound of rooms: doubt").isFalse();
        frame("p0", InterestFrames.snapshot(Interest.MAX_ROOMS_PER_PEER + 3, false, List.of()));
        assertThat(interest.rooms()).isZero();
        assertThat(interest.skip("r")).isTrue();
    }

    @Test
    void aFrameFromThisNodeOrABadOriginChangesNothing() throws Exception {
        frame("me", InterestFrames.add(1, "r"));
        frame("bad.origin", InterestFrames.add(1, "r"));
        frame(null, InterestFrames.add(1, "r"));
        assertThat(interest.peers()).isZero();
        assertThat(interest.skip("r")).isTrue();
    }
}
