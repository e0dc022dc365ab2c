package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.net.Datagram;
import dev.skirmish.protocol.connection.DatagramSink;
import dev.skirmish.protocol.connection.ServerConfig;
import dev.skirmish.protocol.connection.ServerEndpoint;
import dev.skirmish.protocol.connection.ServerEvent;
import dev.skirmish.protocol.event.GameEventCodec;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.session.EventAckTimes;
import dev.skirmish.protocol.session.PlayerLink;
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
 *
 * <p>This class orchestrates a tick (datagrams in, one step, snapshots out); the players' slots and links live in
 * the {@link Roster}, the snapshot schedule in {@link StaggeredSnapshots}.
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
    private final Roster roster = new Roster();
    private final StaggeredSnapshots snapshots;
    /** This tick's inputs, reused every tick: {@link Simulation#step} copies them into its own array, keeps no reference. */
    private final Map<Integer, PlayerInput> inputs = new HashMap<>();
    private MatchState state;
    /** The time {@link #receiveNow} hands on: the current {@link #pump}'s (tick thread only). */
    private long pumpMillis;
    private final Consumer<Datagram> receiveNow = d -> receive(d, pumpMillis);

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
        this.snapshots = new StaggeredSnapshots(endpoint);
        this.tickRate = tickRate;
    }

    /** The match's players are known (at launch, or by a warm server's allocation). */
    public void assign(List<String> players, int matchSeconds) {
        long matchSeed = seed != null ? seed : new SecureRandom().nextLong();
        state = MatchState.initial(ArenaMap.load("arena"), new MatchConfig(tickRate, matchSeconds, matchSeed),
                players);
        roster.assign(players);
        endpoint.allowPlayers(players);
        log.debug("match assigned: {} players, {} s", players.size(), matchSeconds); // GameServer logs the real one
    }

    /** Told when a player connects or disconnects (Agones player tracking); on the tick thread, must not block. */
    public interface Presence {
        void changed(String player, boolean connected);
    }

    public void presence(Presence listener) {
        roster.presence(listener);
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
        pumpMillis = nowMillis;
        inbound.drain(receiveNow); // one handler for the room's life: a lambda capturing nowMillis was one per tick
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
        PlayerLink link = roster.link(playerIndex);
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
                roster.connected(c.playerIndex(), state.player(c.playerIndex()).connected(), now);
                state = state.withPlayerConnected(c.playerIndex(), true);
            }
            case ServerEvent.InputReceived in -> {
                PlayerLink link = roster.link(in.playerIndex());
                if (link != null) {
                    link.onInput(in.input(), state.tick());
                }
            }
            case ServerEvent.PlayerDisconnected d -> {
                roster.disconnected(d.playerIndex(), state.player(d.playerIndex()).connected());
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
        if (state.phase() == MatchPhase.WAITING && roster.readyToStart(nowMillis, START_GRACE_MILLIS)) {
            state = state.start();
            log.info("match started with {}/{} players", roster.connectedCount(), roster.size());
        }
        PlayerLink[] links = roster.links();
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
        for (PlayerLink link : roster.links()) {
            if (link != null && link.tooFarBehind() && state.player(link.playerIndex()).connected()) {
                log.warn("player #{} left {} reliable events unacknowledged: disconnecting it", link.playerIndex(),
                        link.events().unackedCount());
                endpoint.disconnect(link.playerIndex(), Disconnect.Reason.TOO_FAR_BEHIND, nowMillis)
                        .ifPresent(ev -> onEvent(ev, nowMillis));
            }
        }
    }

    /**
     * Writes the snapshots of this tick, staggered over {@code ticksPerSnapshot} ticks ({@code phase} is this
     * tick's remainder; see {@link StaggeredSnapshots}).
     */
    public void sendSnapshots(long nowMillis, int phase, int ticksPerSnapshot) {
        if (state == null || roster.connectedCount() == 0) {
            return;
        }
        snapshots.send(state, roster, nowMillis, phase, ticksPerSnapshot);
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
        return roster.connectedCount();
    }

    public boolean anyoneConnectedEver() {
        return roster.anyoneConnectedEver();
    }

    public ServerEndpoint endpoint() {
        return endpoint;
    }

    /** The player's link once it has connected (null before); tick thread only. */
    PlayerLink link(int playerIndex) {
        return roster.link(playerIndex);
    }

    public SnapshotStats snapshotStats() {
        return snapshots.stats();
    }

    /**
     * Inputs the server never applied because no copy arrived before a later input was applied: all redundant
     * copies lost, or late after reordering (not those it dropped itself because a client sent faster than the
     * tick rate); tick thread.
     */
    public long inputsLost() {
        return roster.inputsLost();
    }

    /** All players' event-to-ack times in ticks ({@link EventAckTimes} histogram); tick thread. */
    public long[] eventAckTicks() {
        return roster.eventAckTicks();
    }

    /** Starts the event-to-ack timings again (a benchmark's warm-up is over); tick thread. */
    public void resetLinkMeasurements() {
        roster.resetMeasurements();
    }
}
