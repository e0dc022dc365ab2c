package dev.skirmish.cli.game;

import dev.skirmish.cli.render.ArenaView;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.client.GameClientException;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.snapshot.ItemSnapshot;
import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One player's connection to a match: sends an input every tick, predicts the own player, interpolates the
 * others, and turns all of it into an {@link ArenaView}. Shared by {@code play} and the bots. The caller drives
 * {@link #tick} at the simulation rate (60 Hz); snapshots arrive on the client's receiving thread.
 */
public final class GameSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GameSession.class);
    public static final String MAP = "arena";

    private final String token;
    private final List<String> names;
    private final ArenaMap map = ArenaMap.load(MAP);
    private final Interpolation interpolation = new Interpolation();
    private volatile GameClient client;
    private Prediction prediction;
    private WorldSnapshot latest = WorldSnapshot.EMPTY;
    private long latestTick;
    private long snapshots;

    private final UnaryOperator<InetSocketAddress> route;
    private volatile boolean kicked;

    private GameSession(String token, List<String> names, UnaryOperator<InetSocketAddress> route) {
        this.token = token;
        this.names = List.copyOf(names);
        this.route = route;
    }

    /** Connects with the lobby's connect token; {@code names} are the room's players in seat order (for labels). */
    public static GameSession connect(String token, List<String> names, Duration timeout) {
        return connect(token, names, timeout, UnaryOperator.identity());
    }

    /** As above, sending to {@code route.apply(the token's server)} (a simulated network for bots). */
    public static GameSession connect(String token, List<String> names, Duration timeout,
                                      UnaryOperator<InetSocketAddress> route) {
        GameSession s = new GameSession(token, names, route);
        s.attach(s.open(timeout));
        return s;
    }

    private GameClient open(Duration timeout) {
        ConnectToken parsed = ConnectToken.parse(token);
        InetSocketAddress server = parsed.server().isUnresolved()
                ? new InetSocketAddress(parsed.server().getHostString(), parsed.server().getPort()) : parsed.server();
        return GameClient.connect(parsed, route.apply(server), timeout);
    }

    private void attach(GameClient c) {
        synchronized (this) {
            // a new connection numbers its inputs from 1 again: prediction restarts with the next snapshot
            prediction = null;
            client = c;
        }
        c.onSnapshot(this::onSnapshot);
    }

    private void onSnapshot(WorldSnapshot world) {
        GameClient c = client;
        SnapshotPacket packet = c.latestSnapshot();
        if (packet == null || world.players().isEmpty()) {
            return;
        }
        synchronized (this) {
            if (prediction == null) {
                MatchState initial = MatchState.initial(map, MatchConfig.defaults(), namesFor(world));
                prediction = new Prediction(initial, c.playerIndex());
            }
            prediction.reconcile(world, packet.tick(), packet.lastInputSequence());
            interpolation.add(System.nanoTime(), world);
            latest = world;
            latestTick = packet.tick();
            snapshots++;
        }
    }

    private List<String> namesFor(WorldSnapshot world) {
        int n = world.players().lastKey() + 1;
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i < names.size() ? names.get(i) : "p" + i);
        }
        return out;
    }

    /** One client tick: send the buttons held now and advance the prediction. No-op while disconnected. */
    public void tick(int buttons) {
        GameClient c = client;
        if (c.state().isFinal()) {
            return;
        }
        InputFrame frame = c.sendInput(buttons & InputFrame.KNOWN_BUTTONS);
        synchronized (this) {
            if (prediction != null) {
                prediction.input(frame.sequence(), buttons & InputFrame.KNOWN_BUTTONS);
            }
        }
    }

    /** True once the server stopped talking to us (disconnect, timeout or refusal). */
    public boolean lost() {
        return client.state().isFinal();
    }

    /**
     * True when an operator removed us from the match (DISCONNECT or DENIED with KICKED): the server refuses this
     * token for the rest of the match, so there is nothing to retry.
     */
    public boolean kicked() {
        return kickedReason(client.finalReason()) || kicked;
    }

    /** Whether a server's reason (Denied.Reason or Disconnect.Reason, or null) says we were kicked. */
    public static boolean kickedReason(Object reason) {
        return reason == Disconnect.Reason.KICKED || reason == Denied.Reason.KICKED;
    }

    /**
     * Tries to connect again with the same token until {@code window} runs out; true when back. The server keeps a
     * disconnected player's place (frozen) for its reconnect window. A KICKED refusal ends the attempts at once.
     */
    public boolean reconnect(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        client.close();
        if (kicked()) {
            return false;
        }
        while (System.nanoTime() < deadline) {
            try {
                attach(open(Duration.ofSeconds(3)));
                log.info("reconnected to the game server");
                return true;
            } catch (GameClientException e) {
                log.info("reconnect failed: {}", e.getMessage());
                if (kickedReason(e.reason())) {
                    kicked = true;
                    return false;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    public synchronized int phase() {
        return latest.match().phase();
    }

    public synchronized long snapshotsReceived() {
        return snapshots;
    }

    public int selfIndex() {
        return client.playerIndex();
    }

    public ArenaMap map() {
        return map;
    }

    /** What to draw now: own player from the prediction, others interpolated, items and clock from the newest snapshot. */
    public synchronized ArenaView view(long nowNanos, String status) {
        int self = prediction == null ? -1 : prediction.self();
        List<ArenaView.Fighter> fighters = new ArrayList<>();
        for (PlayerSnapshot p : latest.players().values()) {
            String name = p.index() < names.size() ? names.get(p.index()) : "p" + p.index();
            if (p.index() == self) {
                PlayerState me = prediction.predicted().player(self);
                fighters.add(new ArenaView.Fighter(self, name, me.x(), me.y(), me.hearts(), me.alive(), me.facingLeft(),
                        me.action(), me.kills(), me.deaths(), true, true));
            } else {
                float[] at = interpolation.position(p.index(), nowNanos);
                fighters.add(new ArenaView.Fighter(p.index(), name, at == null ? p.xPixels() : at[0], at == null ? p.yPixels() : at[1],
                        p.hearts(), p.alive(), p.facingLeft(), p.action(latestTick), p.kills(), p.deaths(), false, p.has(PlayerSnapshot.CONNECTED)));
            }
        }
        List<ArenaView.Item> items = new ArrayList<>();
        for (ItemSnapshot i : latest.items().values()) {
            items.add(new ArenaView.Item(i.kind(), i.state(), i.xPixels(), i.yPixels()));
        }
        int ticksLeft = Math.max(0, latest.match().endTick() - (int) latestTick);
        int secondsLeft = (ticksLeft + MatchConfig.DEFAULT_TICK_RATE - 1) / MatchConfig.DEFAULT_TICK_RATE;
        return new ArenaView(map, fighters, items, latest.match().phase(), secondsLeft, latest.match().winnerIndex() - 1, status);
    }

    @Override
    public void close() {
        client.close();
    }
}
