package dev.skirmish.protocol.client;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.connection.ClientEndpoint;
import dev.skirmish.protocol.connection.ClientEvent;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.connection.InputHistory;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.snapshot.SnapshotReceiver;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.protocol.token.ConnectToken;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small UDP game client: connects with a connect token, sends inputs (each packet repeats the last 8), and keeps
 * the newest world and the reliable events. One virtual thread receives and drives timers; every public method
 * is thread-safe. Used by game-server tests, the benchmark harness and client-cli bots.
 */
public final class GameClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GameClient.class);
    private static final int POLL_MILLIS = 10;
    /** Reliable events kept for {@link #drainEvents()}; older ones are dropped with a warning if nobody drains. */
    public static final int MAX_BUFFERED_EVENTS = 4096;

    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ClientEndpoint endpoint;
    private final InputHistory inputs = new InputHistory();
    private final SnapshotReceiver snapshots = new SnapshotReceiver();
    private final List<NetEvent> events = new ArrayList<>();
    private final Thread receiver;
    private volatile Consumer<WorldSnapshot> snapshotListener = w -> { };
    private SnapshotPacket latestPacket;
    private long bytesIn;
    private long bytesOut;
    private int maxPacketBytes;
    private volatile boolean closed;

    private GameClient(ConnectToken token, InetSocketAddress server) throws IOException {
        this.server = server;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress()
                ? server.getAddress() : null, 0));
        channel.socket().setSoTimeout(POLL_MILLIS);
        this.endpoint = new ClientEndpoint(token, server, this::sendDatagram, System.currentTimeMillis());
        this.receiver = Thread.ofVirtual().name("game-client-" + token.sessionId()).unstarted(this::run);
    }

    /** Connects to the server named in the token and waits until connected. */
    public static GameClient connect(String base64Token, Duration timeout) {
        ConnectToken token = ConnectToken.parse(base64Token);
        InetSocketAddress server = token.server().isUnresolved()
                ? new InetSocketAddress(token.server().getHostString(), token.server().getPort())
                : token.server();
        return connect(token, server, timeout);
    }

    /** Connects to {@code server} (for example when the token names an address unreachable from here). */
    public static GameClient connect(ConnectToken token, InetSocketAddress server, Duration timeout) {
        if (server.isUnresolved()) {
            throw new GameClientException("cannot resolve server " + server.getHostString());
        }
        GameClient client;
        try {
            client = new GameClient(token, server);
        } catch (IOException e) {
            throw new GameClientException("cannot open a UDP socket: " + e.getMessage(), e);
        }
        client.receiver.start();
        try {
            client.awaitConnected(timeout);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private void awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!endpoint.state().isFinal() && endpoint.state() != ClientState.CONNECTED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new GameClientException("not connected to " + server + " within " + timeout
                            + " (state " + endpoint.state() + ")");
                }
                changed.awaitNanos(left);
            }
            if (endpoint.state() != ClientState.CONNECTED) {
                throw new GameClientException("connection to " + server + " failed: " + endpoint.state()
                        + (endpoint.finalReason() == null ? "" : " (" + endpoint.finalReason() + ")"),
                        endpoint.finalReason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GameClientException("interrupted while connecting");
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        byte[] buf = new byte[Protocol.MAX_PACKET_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
            boolean got = false;
            try {
                packet.setLength(buf.length);
                channel.socket().receive(packet);
                got = true;
            } catch (SocketTimeoutException e) {
                // timer tick
            } catch (IOException e) {
                if (!closed) {
                    log.warn("game client receive failed: {}", e.getMessage());
                }
                break;
            }
            lock.lock();
            try {
                long now = System.currentTimeMillis();
                if (got) {
                    bytesIn += packet.getLength();
                    InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                    for (ClientEvent event : endpoint.receive(buf, 0, packet.getLength(), from, now)) {
                        handle(event);
                    }
                }
                endpoint.update(now);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void handle(ClientEvent event) {
        switch (event) {
            case ClientEvent.SnapshotReceived s -> snapshots.receive(s.snapshot()).ifPresent(world -> {
                latestPacket = s.snapshot();
                snapshotListener.accept(world);
            });
            case ClientEvent.EventsReceived e -> {
                events.addAll(e.events());
                if (events.size() > MAX_BUFFERED_EVENTS) {
                    log.warn("dropping {} undrained game events", events.size() - MAX_BUFFERED_EVENTS);
                    events.subList(0, events.size() - MAX_BUFFERED_EVENTS).clear();
                }
            }
            case ClientEvent.Connected c -> log.debug("connected to {} as player #{}", server, c.playerIndex());
            case ClientEvent.Refused r -> log.info("server {} refused us: {}", server, r.reason());
            case ClientEvent.Disconnected d -> log.info("server {} disconnected us: {}", server, d.reason());
        }
    }

    private void sendDatagram(InetSocketAddress to, byte[] datagram) {
        try {
            channel.send(ByteBuffer.wrap(datagram), to);
            bytesOut += datagram.length;
            maxPacketBytes = Math.max(maxPacketBytes, datagram.length);
        } catch (IOException e) {
            log.debug("send to {} failed: {}", to, e.getMessage());
        }
    }

    /** Records this tick's controls and sends them with the previous 7 and the current acks. */
    public InputFrame sendInput(int buttons) {
        lock.lock();
        try {
            InputFrame frame = inputs.record(buttons);
            endpoint.send(inputs.packet(snapshots.ackTick(), endpoint.eventAck()), System.currentTimeMillis());
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /** Calls {@code listener} on the receiving thread for every newer world (keep it short). */
    public void onSnapshot(Consumer<WorldSnapshot> listener) {
        this.snapshotListener = listener == null ? w -> { } : listener;
    }

    /** Waits until a snapshot with tick ≥ {@code tick} arrived; false on timeout or when disconnected. */
    public boolean awaitSnapshot(long tick, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (latestPacket == null || latestPacket.tick() < tick) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || endpoint.state().isFinal()) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public WorldSnapshot world() {
        return locked(snapshots::newest);
    }

    /** The newest snapshot packet decoded (tick, last input applied), or null before the first. */
    public SnapshotPacket latestSnapshot() {
        return locked(() -> latestPacket);
    }

    /** Reliable events received since the last call, in order. */
    public List<NetEvent> drainEvents() {
        return locked(() -> {
            List<NetEvent> out = List.copyOf(events);
            events.clear();
            return out;
        });
    }

    public ClientState state() {
        return locked(endpoint::state);
    }

    /** Denied.Reason or Disconnect.Reason once the server refused or dropped us (e.g. KICKED), else null. */
    public Object finalReason() {
        return locked(endpoint::finalReason);
    }

    public int playerIndex() {
        return locked(endpoint::playerIndex);
    }

    public long lastInputSequence() {
        return locked(inputs::lastSequence);
    }

    public long bytesIn() {
        return locked(() -> bytesIn);
    }

    public long bytesOut() {
        return locked(() -> bytesOut);
    }

    public int maxPacketBytes() {
        return locked(() -> maxPacketBytes);
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Sends DISCONNECT (if connected), stops the receiving thread and closes the socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        lock.lock();
        try {
            endpoint.disconnect(System.currentTimeMillis());
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            receiver.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing client socket: {}", e.getMessage());
        }
    }
}
