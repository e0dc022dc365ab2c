package dev.skirmish.cli.game;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.connection.ServerConfig;
import dev.skirmish.protocol.connection.ServerEndpoint;
import dev.skirmish.protocol.connection.ServerEvent;
import dev.skirmish.protocol.session.PlayerLink;
import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An authoritative arena server for client tests, built only from the protocol's server endpoint and the shared
 * simulation (the same parts the game-server module assembles): loopback UDP, 60 Hz, the match starts once every
 * player connected, snapshots every tick, simulation events as reliable events.
 */
public final class ArenaTestServer implements AutoCloseable {
    private final DatagramChannel channel;
    private final ServerEndpoint endpoint;
    private final Map<Integer, PlayerLink> links = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> online = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile MatchState state;
    private final MatchState initial;
    private final int players;

    public ArenaTestServer(String sessionId, byte[] sessionKey, List<String> names, int matchSeconds) throws IOException {
        this.players = names.size();
        channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
        endpoint = new ServerEndpoint(new ServerConfig(sessionId, sessionKey, names), (to, d) -> {
            try {
                channel.send(ByteBuffer.wrap(d), to);
            } catch (IOException e) {
                // loopback send failures only happen while closing
            }
        }, System.currentTimeMillis());
        state = MatchState.initial(ArenaMap.load("arena"), new MatchConfig(60, matchSeconds, 42L), names);
        initial = state;
        loop = Thread.ofVirtual().name("arena-test-server").start(this::run);
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public MatchState initial() {
        return initial;
    }

    public MatchState state() {
        return state;
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(Protocol.MAX_PACKET_BYTES + 1);
        long next = System.nanoTime();
        try {
            while (running) {
                long now = System.currentTimeMillis();
                SocketAddress from;
                while ((from = channel.receive(buf.clear())) != null) {
                    byte[] d = java.util.Arrays.copyOf(buf.array(), buf.position());
                    endpoint.receive(d, (InetSocketAddress) from, now).ifPresent(this::handle);
                }
                endpoint.update(now).forEach(this::handle);
                step(now);
                next += 16_666_667L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (IOException | InterruptedException e) {
            // closing
        }
    }

    private void step(long now) {
        MatchState s = state;
        if (s.phase() == MatchPhase.WAITING && online.size() == players) {
            s = s.start();
        }
        Map<Integer, PlayerInput> inputs = new HashMap<>();
        links.forEach((i, link) -> link.nextPlayerInput().ifPresent(in -> inputs.put(i, in)));
        var result = Simulation.step(s, inputs);
        state = result.state();
        for (var event : result.events()) {
            links.values().forEach(l -> l.addEvent(event));
        }
        WorldSnapshot world = MatchStateSnapshots.capture(state);
        for (var e : links.entrySet()) {
            if (online.containsKey(e.getKey())) {
                endpoint.send(e.getKey(), e.getValue().snapshot(state.tick(), world), now);
            }
        }
    }

    private void handle(ServerEvent event) {
        switch (event) {
            case ServerEvent.PlayerConnected c -> {
                PlayerLink link = links.computeIfAbsent(c.playerIndex(), PlayerLink::new);
                link.resetBaselines();
                online.put(c.playerIndex(), true);
                state = state.withPlayerConnected(c.playerIndex(), true);
            }
            case ServerEvent.InputReceived in -> {
                PlayerLink link = links.get(in.playerIndex());
                if (link != null) {
                    link.onInput(in.input());
                }
            }
            case ServerEvent.PlayerDisconnected d -> {
                online.remove(d.playerIndex());
                state = state.withPlayerConnected(d.playerIndex(), false);
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }
}
