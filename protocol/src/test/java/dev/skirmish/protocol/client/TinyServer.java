package dev.skirmish.protocol.client;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.connection.EventOutbox;
import dev.skirmish.protocol.connection.ServerConfig;
import dev.skirmish.protocol.connection.ServerEndpoint;
import dev.skirmish.protocol.connection.ServerEvent;
import dev.skirmish.protocol.snapshot.MatchInfo;
import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.SnapshotSender;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest real game server over {@link ServerEndpoint}: a loopback UDP socket, a 60 Hz loop on a virtual
 * thread, players that move 1 px per tick held LEFT/RIGHT, and an event for every input with PISTOL pressed.
 */
final class TinyServer implements AutoCloseable {
    final DatagramChannel channel;
    final ServerEndpoint endpoint;
    final Map<Integer, SnapshotSender> senders = new HashMap<>();
    final Map<Integer, EventOutbox> outboxes = new HashMap<>();
    final Map<Integer, Long> lastInput = new HashMap<>();
    final Map<Integer, Integer> x = new HashMap<>();
    final List<ServerEvent> events = new ArrayList<>();
    final Thread loop;
    volatile boolean running = true;
    long tick;

    TinyServer(String sessionId, byte[] sessionKey, List<String> players) throws IOException {
        channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
        endpoint = new ServerEndpoint(new ServerConfig(sessionId, sessionKey, players), (to, d) -> {
            try {
                channel.send(ByteBuffer.wrap(d), to);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, System.currentTimeMillis());
        loop = Thread.ofVirtual().start(this::run);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(Protocol.MAX_PACKET_BYTES + 1);
        try {
            while (running) {
                long now = System.currentTimeMillis();
                SocketAddress from;
                while ((from = channel.receive(buf.clear())) != null) {
                    byte[] d = java.util.Arrays.copyOf(buf.array(), buf.position());
                    endpoint.receive(d, (InetSocketAddress) from, now).ifPresent(this::handle);
                }
                endpoint.update(now).forEach(this::handle);
                tick++;
                List<PlayerSnapshot> players = new ArrayList<>();
                x.forEach((i, px) -> players.add(new PlayerSnapshot(i, px, 800, 0, 0, PlayerSnapshot.ALIVE, 0, 0, 0, 0,
                        0, 0, 0, 3, 0, 0, 0)));
                WorldSnapshot world = WorldSnapshot.of(new MatchInfo(1, 1000, 0), players, List.of());
                for (var e : senders.entrySet()) {
                    endpoint.send(e.getKey(), e.getValue().build(tick, world, lastInput.getOrDefault(e.getKey(), 0L),
                            outboxes.get(e.getKey())), now);
                }
                Thread.sleep(16);
            }
        } catch (IOException | InterruptedException e) {
            // closing
        }
    }

    private void handle(ServerEvent event) {
        synchronized (events) {
            events.add(event);
        }
        switch (event) {
            case ServerEvent.PlayerConnected c -> {
                senders.put(c.playerIndex(), new SnapshotSender());
                outboxes.computeIfAbsent(c.playerIndex(), i -> new EventOutbox());
                x.putIfAbsent(c.playerIndex(), 0);
            }
            case ServerEvent.InputReceived in -> {
                senders.get(in.playerIndex()).acknowledge(in.input().ackSnapshotTick());
                outboxes.get(in.playerIndex()).acknowledge(in.input().ackEventSequence());
                long applied = lastInput.getOrDefault(in.playerIndex(), 0L);
                var frames = new ArrayList<>(in.input().inputs());
                java.util.Collections.reverse(frames);
                for (var f : frames) {
                    if (f.sequence() > applied) {
                        int dir = (f.pressed(dev.skirmish.protocol.packet.InputFrame.RIGHT) ? 1 : 0)
                                - (f.pressed(dev.skirmish.protocol.packet.InputFrame.LEFT) ? 1 : 0);
                        x.merge(in.playerIndex(), dir * 8, Integer::sum);
                        if (f.pressed(dev.skirmish.protocol.packet.InputFrame.PISTOL)) {
                            outboxes.values().forEach(o -> o.add(7, new byte[] {(byte) in.playerIndex()}));
                        }
                        applied = f.sequence();
                    }
                }
                lastInput.put(in.playerIndex(), applied);
            }
            case ServerEvent.PlayerDisconnected d -> senders.remove(d.playerIndex());
        }
    }

    List<ServerEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
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
