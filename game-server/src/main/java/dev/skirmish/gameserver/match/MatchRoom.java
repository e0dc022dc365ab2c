package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.net.Datagram;
import dev.skirmish.protocol.connection.DatagramSink;
import dev.skirmish.protocol.connection.ServerConfig;
import dev.skirmish.protocol.connection.ServerEndpoint;
import dev.skirmish.protocol.connection.ServerEvent;
import dev.skirmish.protocol.event.GameEventCodec;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.session.EventAckTimes;
import dev.skirmish.protocol.session.PlayerLink;
import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.protocol.snapshot.SnapshotEncodings;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import dev.skirmish.simulation.StepResult;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One match as the tick thread sees it: the connection endpoint, a link per player (inputs, reliable events,
 * snapshot baselines) and the simulation state. Everything here runs on the tick thread only.
 */
public final class MatchRoom {
    private static final Logger log = LoggerFactory.getLogger(MatchRoom.class);
    /** Once someone is in, the clock starts when everyone is, or this long after the first arrival. */
    public static final long START_GRACE_MILLIS = 10_000;

    /** Where the room's datagrams come from ({@code UdpTransport::drain}); the tick thread pulls, nobody pushes. */
    @FunctionalInterface
    public interface Inbound {
        void drain(Consumer<Datagram> handler);
    }

    private final ServerEndpoint endpoint;
    private final Inbound inbound;
    private final int tickRate;
    private final SnapshotStats snapshotStats = new SnapshotStats();
    /** This tick's inputs, reused every tick: {@link Simulation#step} copies them into its own array, keeps no reference. */
    private final Map<Integer, PlayerInput> inputs = new HashMap<>();
    private MatchState state;
    private PlayerLink[] links = new PlayerLink[0];
    private long firstConnectMillis = -1;
    private int connected;
    private List<String> names = List.of();
    private Presence presence = (player, connected) -> { };

    private final Long seed;

    /** A room whose datagrams are handed in through {@link #receive} (nothing for {@link #pump} to drain). */
    public MatchRoom(String sessionId, byte[] sessionKey, int tickRate, Long seed, DatagramSink sink, long nowMillis) {
        this(sessionId, sessionKey, tickRate, seed, sink, handler -> { }, nowMillis);
    }

    /** {@code seed}: null for a random match; {@code inbound}: drained by every {@link #pump}. */
    public MatchRoom(String sessionId, byte[] sessionKey, int tickRate, Long seed, DatagramSink sink, Inbound inbound,
                     long nowMillis) {
        this.seed = seed;
        this.inbound = inbound;
        this.endpoint = new ServerEndpoint(new ServerConfig(sessionId, sessionKey, List.of()), sink, nowMillis);
        this.endpoint.inputSink(this::onInput);
        this.tickRate = tickRate;
    }

    /** The match's players are known (at launch, or by a warm server's allocation). */
    public void assign(List<String> players, int matchSeconds) {
        long matchSeed = seed != null ? seed : new SecureRandom().nextLong();
        state = MatchState.initial(ArenaMap.load("arena"), new MatchConfig(tickRate, matchSeconds, matchSeed),
                players);
        links = new PlayerLink[players.size()];
        names = List.copyOf(players);
        endpoint.allowPlayers(players);
        log.debug("match assigned: {} players, {} s", players.size(), matchSeconds); // GameServer logs the real one
    }

    /** Told when a player connects or disconnects (Agones player tracking); on the tick thread, must not block. */
    public interface Presence {
        void changed(String player, boolean connected);
    }

    public void presence(Presence listener) {
        presence = listener;
    }

    public boolean assigned() {
        return state != null;
    }

    /**
     * The part of a tick that runs whether or not a match is assigned: every datagram that arrived since the last
     * pump, then timeouts and keep-alives. A playing server pumps before each step; a warm one pumps while it
     * waits for its allocation (its endpoint admits nobody yet, but it must keep reading its socket).
     */
    public void pump(long nowMillis) {
        inbound.drain(d -> receive(d, nowMillis));
        update(nowMillis);
    }

    public void receive(Datagram d, long nowMillis) {
        Optional<ServerEvent> e = endpoint.receive(d.data(), 0, d.data().length, d.sender(), nowMillis);
        if (e.isPresent()) { // not ifPresent(lambda): that captured a new lambda per datagram
            onEvent(e.get(), nowMillis);
        }
    }

    /** Timeouts and keep-alives. */
    public void update(long nowMillis) {
        for (ServerEvent e : endpoint.update(nowMillis)) {
            onEvent(e, nowMillis);
        }
    }

    /** An INPUT from the endpoint's receive path (decoded in its scratch: read it now, keep nothing of it). */
    private void onInput(int playerIndex, InputView input) {
        if (state == null) {
            return;
        }
        PlayerLink link = links[playerIndex];
        if (link != null) {
            link.onInput(input, state.tick());
        }
    }

    private void onEvent(ServerEvent event, long now) {
        if (state == null) {
            return; // warm and unallocated: the endpoint admits nobody yet
        }
        switch (event) {
            case ServerEvent.PlayerConnected c -> {
                PlayerLink link = links[c.playerIndex()];
                if (link == null) {
                    links[c.playerIndex()] = new PlayerLink(c.playerIndex());
                } else {
                    link.resetBaselines(); // the client starts from scratch; its pending events stay queued
                }
                if (!state.player(c.playerIndex()).connected()) {
                    connected++;
                    presence.changed(names.get(c.playerIndex()), true);
                }
                state = state.withPlayerConnected(c.playerIndex(), true);
                if (firstConnectMillis < 0) {
                    firstConnectMillis = now;
                }
            }
            case ServerEvent.InputReceived in -> {
                PlayerLink link = links[in.playerIndex()];
                if (link != null) {
                    link.onInput(in.input(), state.tick());
                }
            }
            case ServerEvent.PlayerDisconnected d -> {
                if (state.player(d.playerIndex()).connected()) {
                    connected--;
                    presence.changed(names.get(d.playerIndex()), false);
                }
                state = state.withPlayerConnected(d.playerIndex(), false);
            }
        }
    }

    /**
     * Operator kicks (from the orchestrator's heartbeat answer): each named player is disconnected with KICKED and
     * refused for the rest of the match; its fighter stays, frozen like any disconnected player's, with its score.
     * The list is the whole set each time, so a name already kicked costs one lookup.
     */
    public void kick(List<String> names, long nowMillis) {
        if (state == null) {
            return;
        }
        for (String name : names) {
            if (!endpoint.isKicked(name)) {
                endpoint.kick(name, nowMillis).ifPresent(e -> onEvent(e, nowMillis));
            }
        }
    }

    /** One simulation step with at most one input per connected player. */
    public List<GameEvent> step(long nowMillis) {
        if (state == null) {
            return List.of();
        }
        if (state.phase() == MatchPhase.WAITING && firstConnectMillis >= 0
                && (connected == links.length || nowMillis - firstConnectMillis >= START_GRACE_MILLIS)) {
            state = state.start();
            log.info("match started with {}/{} players", connected, links.length);
        }
        inputs.clear();
        for (PlayerLink link : links) {
            if (link != null) {
                PlayerInput in = link.nextPlayerInputOrNull();
                if (in != null) {
                    inputs.put(link.playerIndex(), in);
                }
            }
        }
        StepResult r = Simulation.step(state, inputs);
        state = r.state();
        for (GameEvent e : r.events()) {
            GameEventCodec.Encoded encoded = GameEventCodec.encode(e); // once, not once per player
            for (PlayerLink link : links) {
                if (link != null) {
                    link.addEvent(encoded.kind(), encoded.data(), e.tick());
                }
            }
            if (e instanceof GameEvent.MatchEnded) {
                endpoint.stopAcceptingPlayers();
                log.info("match ended at tick {}: winner {}", state.tick(), state.result().winnerName());
            }
        }
        dropPlayersTooFarBehind(nowMillis);
        return r.events();
    }

    /**
     * A connected client that stops acknowledging reliable events (it cannot keep up, or its acks are lost) would
     * make its outbox grow without end; once it overflows the client has lost events for good, so it is told
     * TOO_FAR_BEHIND and dropped. It may reconnect with its token and starts again from the oldest event kept.
     */
    private void dropPlayersTooFarBehind(long nowMillis) {
        for (PlayerLink link : links) {
            if (link != null && link.tooFarBehind() && state.player(link.playerIndex()).connected()) {
                log.warn("player #{} left {} reliable events unacknowledged: disconnecting it", link.playerIndex(),
                        link.events().unackedCount());
                endpoint.disconnect(link.playerIndex(), Disconnect.Reason.TOO_FAR_BEHIND, nowMillis)
                        .ifPresent(ev -> onEvent(ev, nowMillis));
            }
        }
    }

    /**
     * Writes the snapshots of this tick: each player gets one every {@code ticksPerSnapshot} ticks, on the ticks
     * where {@code tick % ticksPerSnapshot == playerIndex % ticksPerSnapshot} ({@code phase} is this tick's
     * remainder). Staggered rather than all players on the same tick, so every tick seals and writes about the
     * same number of snapshots (64 players, 60 Hz, 20/s: ~21 a tick instead of 64 every third tick): the send
     * rate per player is the same, the slowest tick is a third of the work. The world is captured once per tick
     * and each snapshot is a delta against that player's last ack.
     */
    public void sendSnapshots(long nowMillis, int phase, int ticksPerSnapshot) {
        if (state == null || connected == 0) {
            return;
        }
        SnapshotEncodings world = null;
        for (int i = phase; i < links.length; i += ticksPerSnapshot) {
            PlayerLink link = links[i];
            if (link != null && state.player(i).connected()) {
                if (world == null) {
                    world = new SnapshotEncodings(MatchStateSnapshots.capture(state));
                }
                SnapshotPacket p = link.snapshot(state.tick(), world);
                snapshotStats.record(p.isFull(), p.stateLength());
                endpoint.send(i, p, nowMillis);
            }
        }
    }

    /** One snapshot to every connected player now (all phases at once). */
    public void sendSnapshots(long nowMillis) {
        sendSnapshots(nowMillis, 0, 1);
    }

    public void disconnectAll(Disconnect.Reason reason, long nowMillis) {
        endpoint.stopAcceptingPlayers();
        endpoint.disconnectAll(reason, nowMillis);
    }

    public MatchState state() {
        return state;
    }

    public int connectedPlayers() {
        return connected;
    }

    public boolean anyoneConnectedEver() {
        return firstConnectMillis >= 0;
    }

    public ServerEndpoint endpoint() {
        return endpoint;
    }

    /** The player's link once it has connected (null before); tick thread only. */
    PlayerLink link(int playerIndex) {
        return links[playerIndex];
    }

    public SnapshotStats snapshotStats() {
        return snapshotStats;
    }

    /**
     * Inputs the server never applied because no copy arrived before a later input was applied: all redundant
     * copies lost, or late after reordering (not those it dropped itself because a client sent faster than the
     * tick rate); tick thread.
     */
    public long inputsLost() {
        long n = 0;
        for (PlayerLink link : links) {
            if (link != null) {
                n += link.inputs().missed();
            }
        }
        return n;
    }

    /** All players' event-to-ack times in ticks ({@link EventAckTimes} histogram); tick thread. */
    public long[] eventAckTicks() {
        long[] histogram = new long[EventAckTimes.buckets()];
        for (PlayerLink link : links) {
            if (link != null) {
                link.eventAckTimes().addTo(histogram);
            }
        }
        return histogram;
    }

    /** Starts the event-to-ack timings again (a benchmark's warm-up is over); tick thread. */
    public void resetLinkMeasurements() {
        for (PlayerLink link : links) {
            if (link != null) {
                link.eventAckTimes().reset();
                link.inputs().resetCounters();
            }
        }
    }
}
