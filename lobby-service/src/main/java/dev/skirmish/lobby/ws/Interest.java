package dev.skirmish.lobby.ws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Room affinity's sender-side skip (docs/scaling.md, "Room affinity"): which rooms the other nodes listen to, what
 * this node told them, and whether a line of a room may stay on this node. Every method but {@link #heard},
 * {@link #lost} and {@link #skipAllowed}'s flag reads runs under the {@link Bundler}'s lock (the caller takes it), so
 * a change of a peer's interest and the test of each line are in one order with the lines of this node's stream:
 * an ack appended after a peer's {@code +room} is applied is followed only by lines tested against it.
 * <p><b>Doubt means interest.</b> A line of a room is skipped only when no live peer is in doubt and none is
 * interested in the room: a peer is in doubt from when it is first heard until its snapshot arrives, for ever if it
 * never speaks interest frames (an older version), and while its set is over {@link #MAX_ROOMS_PER_PEER}; every peer
 * is in doubt again when this node may have missed frames ({@link #lost}); and for {@link #QUIET_NANOS} after this
 * node's connection is (re)made, since it knows its peers only once it has heard them (each says hello every
 * {@link #HELLO_NANOS} and answers the node's request for snapshots at once; receipts wait {@link #RECEIPT_SETTLE_NANOS}). Bounded: at most {@link #MAX_PEERS} peers (a stranger beyond that puts the node in doubt
 * for {@link #DROP_NANOS}) with at most {@link #MAX_ROOMS_PER_PEER} rooms each; a room leaves the counts with its last
 * interested peer, a peer with its silence.
 */
final class Interest {
    static final long HELLO_NANOS = 1_000_000_000L;
    /** A peer heard within this is live: its ack is waited for. */
    static final long LIVE_NANOS = 3 * HELLO_NANOS;
    /** After (re)connecting: a hello from every live peer has come in at least twice. */
    static final long QUIET_NANOS = 3 * HELLO_NANOS;
    /**
     * A speaking peer silent this long is dropped with its interests, and only while this node's inbound queue is
     * nearly empty, so a slow consumer here never drops a peer that is only late.
     */
    static final long DROP_NANOS = 10 * HELLO_NANOS;
    /**
     * After (re)connecting, a receipt waits at least this long: the node's request for snapshots, sent on connecting,
     * has been answered by every peer whose consumer keeps up, so those peers are known and their acks waited for.
     * Not {@link #QUIET_NANOS}: a SUBSCRIBE holds its connection's later frames (its other SUBSCRIBEs among them) while
     * it waits, and a node's first seconds are when its players connect. A peer slower than this to answer is the
     * residual gap of a slow peer (docs/scaling.md, "Room affinity").
     */
    static final long RECEIPT_SETTLE_NANOS = 300_000_000L;
    /** A peer that never spoke interest frames (an older version, which says no hello) is kept in doubt this long. */
    static final long OLD_PEER_NANOS = 600 * HELLO_NANOS;
    /** A receipt's wait ends by itself after this (the subscriber's own wait, {@link BridgeRegistry#WAIT}, is shorter). */
    static final long WAITER_NANOS = BridgeRegistry.WAIT.toNanos() + HELLO_NANOS;
    static final int MAX_PEERS = 64;
    static final int MAX_ROOMS_PER_PEER = 20_000;

    /** Appends one interest frame to this node's bundle stream (under the lock, so in order with its lines). */
    interface Out {
        void send(byte[] frame);
    }

    /** Told when the node surely hears a room's events (its +room acked, or the wait ended) and when it stops. */
    interface Rooms {
        void confirmed(String room);

        void unconfirmed(String room);
    }

    private static final class Peer {
        final long firstHeard;
        volatile long lastHeard;
        boolean speaks;
        boolean snapshot;
        boolean overflow;
        final Set<String> rooms = new HashSet<>();
        /** A snapshot's parts read so far (its last part replaces {@link #rooms}); null between snapshots. */
        Set<String> pending;
        /** The highest seq of this node's frames the peer acked. */
        long acked;

        Peer(long now) {
            firstHeard = now;
            lastHeard = now;
        }

        boolean doubt() {
            return !snapshot || overflow;
        }
    }

    /** A receipt: complete when every live speaking peer acked {@code seq}; {@code room} null for a snapshot (every room). */
    private record Waiter(long seq, String room, long deadline, CompletableFuture<Void> done) {
    }

    private final String me;
    private final Out out;
    private final Rooms rooms;
    private final LongSupplier clock;
    /** Read without the lock by {@link #heard} (a known peer's time); changed under it. */
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    /** Room → how many peers listed it (the sender's O(1) test). */
    private final Map<String, Integer> interested = new HashMap<>();
    private final Set<String> local = new HashSet<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private int doubtful;
    private long seq;
    private long quietUntil;
    private long receiptsFrom;
    private boolean quiet = true;
    private long strangersUntil;
    private boolean strangers;
    private long lastHello;
    private long lastRequest;
    /** Set by any thread (the I/O thread's refusals): read by the sender's test at once, handled by {@link #tick}. */
    private volatile boolean lost = true;
    private volatile boolean reconnected = true;

    Interest(String me, Out out, Rooms rooms, LongSupplier clock) {
        this.me = me;
        this.out = out;
        this.rooms = rooms;
        this.clock = clock;
    }

    /** The sender's test of a line of {@code room}, under the lock: true when no other node may need it. */
    boolean skip(String room) {
        return !lost && !quiet && !strangers && doubtful == 0 && !interested.containsKey(room) && InterestFrames.validId(room);
    }

    /**
     * Frames from another node may have been missed (any thread, never waits): every peer is in doubt until its next
     * snapshot; {@code connection}: the connection was (re)made or lost, so the peers may also have missed this
     * node's frames and new ones may be unknown yet.
     */
    void lost(boolean connection) {
        if (connection) reconnected = true;
        lost = true;
    }

    /** A bundle from {@code origin} came in (the inbound consumer, lock-free for a known peer): false for a stranger. */
    boolean heard(String origin) {
        Peer p = origin == null ? null : peers.get(origin);
        if (p == null) return false;
        p.lastHeard = clock.getAsLong();
        return true;
    }

    /** A peer heard for the first time (under the lock): in doubt. */
    void stranger(String origin) {
        if (!InterestFrames.validId(origin) || origin.equals(me) || peers.containsKey(origin)) return;
        long now = clock.getAsLong();
        if (peers.size() >= MAX_PEERS) {
            strangers = true;
            strangersUntil = now + DROP_NANOS;
            return;
        }
        peers.put(origin, new Peer(now));
        doubtful++;
    }

    /** One interest frame from {@code origin} (under the lock). */
    void received(String origin, InterestFrames.Frame f) {
        if (!InterestFrames.validId(origin) || origin.equals(me)) return;
        stranger(origin);
        Peer p = peers.get(origin);
        if (p == null) return; // over the bound of peers: the node is in doubt meanwhile
        p.speaks = true;
        switch (f.kind()) {
            case HELLO -> { }
            case REQUEST -> snapshot();
            case ADD -> {
                String room = f.rooms().get(0);
                if (p.rooms.size() >= MAX_ROOMS_PER_PEER) {
                    setOverflow(p, true);
                } else if (p.rooms.add(room)) {
                    interested.merge(room, 1, Integer::sum);
                }
                out.send(InterestFrames.ack(origin, f.seq()));
            }
            case REMOVE -> {
                if (p.rooms.remove(f.rooms().get(0))) uncount(f.rooms().get(0));
                out.send(InterestFrames.ack(origin, f.seq()));
            }
            case SNAPSHOT -> {
                if (p.pending == null) p.pending = new HashSet<>();
                if (p.pending.size() + f.rooms().size() > MAX_ROOMS_PER_PEER) {
                    p.pending = null;
                    setOverflow(p, true);
                } else {
                    p.pending.addAll(f.rooms());
                }
                if (!f.more()) {
                    if (p.pending != null) {
                        replace(p, p.pending);
                        p.pending = null;
                        setOverflow(p, false);
                        setSnapshot(p, true);
                    }
                    out.send(InterestFrames.ack(origin, f.seq()));
                }
            }
            case ACK -> {
                if (f.node().equals(me)) {
                    p.acked = Math.max(p.acked, Math.min(f.seq(), seq));
                    settle(clock.getAsLong());
                }
            }
        }
    }

    /** This node's first local subscriber of {@code room} (under the lock): {@code +room}, and its receipt. */
    CompletableFuture<Void> localAdd(String room) {
        if (!InterestFrames.validId(room)) {
            rooms.confirmed(room); // no frame can name it, so no peer skips it: its events always come
            return CompletableFuture.completedFuture(null);
        }
        local.add(room);
        long s = ++seq;
        out.send(InterestFrames.add(s, room));
        var w = new Waiter(s, room, clock.getAsLong() + WAITER_NANOS, new CompletableFuture<>());
        waiters.add(w);
        settle(clock.getAsLong());
        return w.done();
    }

    /** Its last one left (under the lock): {@code -room}; the node's copy of the room is no longer trusted. */
    void localRemove(String room) {
        if (!local.remove(room)) {
            rooms.unconfirmed(room);
            return;
        }
        waiters.removeIf(w -> room.equals(w.room()) && w.done().complete(null));
        rooms.unconfirmed(room);
        out.send(InterestFrames.remove(++seq, room));
    }

    /** Every {@link #HELLO_NANOS} or more often (under the lock): hello, doubt's ends, silent peers, waits. */
    void tick(boolean connected, boolean inboundIdle) {
        long now = clock.getAsLong();
        if (connected && lost) {
            // first the doubt, then the flag: the sender's test sees one or the other
            boolean again = reconnected;
            reconnected = false;
            for (Peer p : peers.values()) {
                p.pending = null;
                setSnapshot(p, false);
            }
            lost = false;
            if (again) {
                quiet = true;
                quietUntil = now + QUIET_NANOS;
                receiptsFrom = now + RECEIPT_SETTLE_NANOS;
                // the peers may have missed this node's +/-: its rooms are trusted again once they acked its snapshot
                for (String room : local) rooms.unconfirmed(room);
            }
            long s = snapshot();
            if (again) waiters.add(new Waiter(s, null, now + WAITER_NANOS, new CompletableFuture<>()));
            out.send(InterestFrames.request());
            lastRequest = now;
        }
        if (quiet && !lost && now - quietUntil >= 0) quiet = false;
        if (strangers && now - strangersUntil >= 0) strangers = false;
        for (Iterator<Map.Entry<String, Peer>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            Peer p = it.next().getValue();
            long silent = now - p.lastHeard;
            boolean old = !p.speaks && now - p.firstHeard > LIVE_NANOS;
            if (inboundIdle && silent > (old ? OLD_PEER_NANOS : DROP_NANOS)) {
                if (p.doubt()) doubtful--;
                for (String room : p.rooms) uncount(room);
                it.remove();
            }
        }
        if (connected && now - lastHello >= HELLO_NANOS) {
            out.send(InterestFrames.hello());
            lastHello = now;
            // a speaking peer whose snapshot this node lacks (heard after its request went out) is asked again
            if (now - lastRequest >= HELLO_NANOS && peers.values().stream().anyMatch(p -> p.speaks && p.doubt() && now - p.lastHeard < LIVE_NANOS)) {
                out.send(InterestFrames.request());
                lastRequest = now;
            }
        }
        settle(now);
    }

    /** Publishes this node's rooms (under the lock), in parts; returns its seq. */
    private long snapshot() {
        long s = ++seq;
        List<String> all = new ArrayList<>(local);
        int at = 0;
        do {
            int end = Math.min(all.size(), at + InterestFrames.SNAPSHOT_ROOMS);
            out.send(InterestFrames.snapshot(s, end < all.size(), all.subList(at, end)));
            at = end;
        } while (at < all.size());
        return s;
    }

    /** Completes the waits every live speaking peer has acked, and those past their deadline. */
    private void settle(long now) {
        if (waiters.isEmpty()) return;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (now - w.deadline() < 0 && (now - receiptsFrom < 0 || lost || !allAcked(w.seq(), now))) continue;
            it.remove();
            if (w.room() == null) {
                for (String room : local) rooms.confirmed(room);
            } else if (local.contains(w.room())) {
                rooms.confirmed(w.room());
            }
            w.done().complete(null);
        }
    }

    private boolean allAcked(long s, long now) {
        for (Peer p : peers.values()) {
            if (p.speaks && now - p.lastHeard < LIVE_NANOS && p.acked < s) return false;
        }
        return true;
    }

    private void replace(Peer p, Set<String> next) {
        for (String room : p.rooms) if (!next.contains(room)) uncount(room);
        for (String room : next) if (!p.rooms.contains(room)) interested.merge(room, 1, Integer::sum);
        p.rooms.clear();
        p.rooms.addAll(next);
    }

    private void uncount(String room) {
        interested.computeIfPresent(room, (r, n) -> n > 1 ? n - 1 : null);
    }

    private void setSnapshot(Peer p, boolean v) {
        boolean before = p.doubt();
        p.snapshot = v;
        count(before, p.doubt());
    }

    private void setOverflow(Peer p, boolean v) {
        boolean before = p.doubt();
        p.overflow = v;
        count(before, p.doubt());
    }

    private void count(boolean before, boolean after) {
        if (before != after) doubtful += after ? 1 : -1;
    }

    // for tests and the node's health
    int peers() {
        return peers.size();
    }

    int doubtful() {
        return doubtful;
    }

    int rooms() {
        return interested.size();
    }

    int waiting() {
        return waiters.size();
    }
}
