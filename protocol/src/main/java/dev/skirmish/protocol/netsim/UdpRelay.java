package dev.skirmish.protocol.netsim;

import dev.skirmish.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A UDP relay, listening on loopback, that puts a {@link NetworkSimulator} on each direction between clients and one server:
 * clients send to {@link #address()} instead of the server (the connect token's private part does not name an
 * address, so the server accepts them), each client gets its own upstream socket so the server still sees one
 * address per client. For tests, benchmarks and {@code skirmish bots --loss/--latency/--jitter}; never for play.
 * Bounded: at most {@link #MAX_CLIENTS} client addresses (idle ones are forgotten after {@link #IDLE_NANOS}) and
 * {@link #MAX_IN_FLIGHT} delayed datagrams (beyond that a datagram is lost, as on a full router queue). One thread.
 */
public final class UdpRelay implements AutoCloseable {
    public static final int MAX_CLIENTS = 256;
    public static final int MAX_IN_FLIGHT = 65_536;
    static final long IDLE_NANOS = 30_000_000_000L;

    private record Pending(long atNanos, long order, DatagramChannel via, SocketAddress to, byte[] datagram) {
    }

    private final class Upstream {
        final SocketAddress client;
        final DatagramChannel channel;
        final NetworkSimulator up;
        final NetworkSimulator down;
        long lastSeen;

        Upstream(SocketAddress client, DatagramChannel channel, long stream) {
            this.client = client;
            this.channel = channel;
            this.up = new NetworkSimulator(conditions, 2 * stream);
            this.down = new NetworkSimulator(conditions, 2 * stream + 1);
        }
    }

    private final InetSocketAddress server;
    private final DatagramChannel front;
    private final Selector selector;
    private final Map<SocketAddress, Upstream> clients = new ConcurrentHashMap<>();
    private final PriorityQueue<Pending> inFlight = new PriorityQueue<>(
            (a, b) -> a.atNanos != b.atNanos ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.order, b.order));
    private final Thread thread;
    private volatile NetworkConditions conditions;
    private volatile long blackoutUntil;
    private volatile boolean blackout;
    private volatile boolean closed;
    private long order;
    private long streams;
    private long overflowDrops;

    private UdpRelay(InetSocketAddress server, NetworkConditions conditions) throws IOException {
        this.server = server;
        this.conditions = conditions;
        this.selector = Selector.open();
        this.front = DatagramChannel.open();
        // clients are on this machine: the front is never reachable from elsewhere
        front.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        front.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ, null);
        this.thread = Thread.ofPlatform().daemon().name("udp-relay-" + server.getPort()).unstarted(this::run);
    }

    /** Starts a relay in front of {@code server}; it listens on the loopback address only. */
    public static UdpRelay start(InetSocketAddress server, NetworkConditions conditions) throws IOException {
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("the relay needs a resolved server address, not " + server);
        }
        UdpRelay relay = new UdpRelay(server, conditions);
        relay.thread.start();
        return relay;
    }

    /** Where clients send instead of the server. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** New conditions for every client, from now on (both directions). */
    public void conditions(NetworkConditions next) {
        this.conditions = next;
        selector.wakeup();
    }

    /** Every datagram, both ways, is lost for {@code nanos} from now. */
    public void blackoutFor(long nanos) {
        blackoutUntil = System.nanoTime() + nanos;
        blackout = true;
        selector.wakeup();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(Protocol.MAX_PACKET_BYTES + 1);
        NetworkConditions applied = conditions;
        while (!closed) {
            try {
                long now = System.nanoTime();
                deliverDue(now);
                Pending next = inFlight.peek();
                long waitMs = next == null ? 50 : Math.max(1, (next.atNanos - now) / 1_000_000);
                selector.select(Math.min(waitMs, 50));
                now = System.nanoTime();
                if (applied != conditions) {
                    applied = conditions;
                    for (Upstream u : clients.values()) {
                        u.up.conditions(applied);
                        u.down.conditions(applied);
                    }
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isReadable()) {
                        read(key, buf, now);
                    }
                }
                forgetIdle(now);
            } catch (IOException e) {
                if (!closed) {
                    System.getLogger(UdpRelay.class.getName()).log(System.Logger.Level.WARNING,
                            "relay I/O failed: " + e.getMessage());
                }
            }
        }
    }

    private void read(SelectionKey key, ByteBuffer buf, long now) throws IOException {
        DatagramChannel channel = (DatagramChannel) key.channel();
        Upstream upstream = (Upstream) key.attachment();
        for (int i = 0; i < 64; i++) { // bounded per wake-up, so one busy socket cannot starve the others
            buf.clear();
            SocketAddress from = channel.receive(buf);
            if (from == null) {
                return;
            }
            byte[] datagram = Arrays.copyOf(buf.array(), buf.position());
            if (upstream == null) {
                Upstream u = clients.get(from);
                if (u == null) {
                    u = open(from, now);
                    if (u == null) {
                        continue;
                    }
                }
                u.lastSeen = now;
                schedule(u.up, datagram, now, u.channel, server);
            } else if (from.equals(server)) {
                schedule(upstream.down, datagram, now, front, upstream.client);
            }
        }
    }

    private Upstream open(SocketAddress client, long now) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            return null;
        }
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
        channel.configureBlocking(false);
        Upstream u = new Upstream(client, channel, streams++);
        channel.register(selector, SelectionKey.OP_READ, u);
        clients.put(client, u);
        u.lastSeen = now;
        return u;
    }

    private void schedule(NetworkSimulator sim, byte[] datagram, long now, DatagramChannel via, SocketAddress to) {
        if (blackout && now - blackoutUntil < 0) {
            sim.blackout(blackoutUntil);
        }
        for (NetworkSimulator.Delivery d : sim.submit(datagram, now)) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                overflowDrops++;
                continue;
            }
            inFlight.add(new Pending(d.atNanos(), order++, via, to, d.datagram()));
        }
    }

    private void deliverDue(long now) {
        while (!inFlight.isEmpty() && inFlight.peek().atNanos - now <= 0) {
            Pending p = inFlight.poll();
            try {
                p.via.send(ByteBuffer.wrap(p.datagram), p.to);
            } catch (IOException e) {
                // a closed upstream or a full socket buffer: the datagram is lost, as it would be on a network
            }
        }
    }

    private void forgetIdle(long now) throws IOException {
        Iterator<Upstream> it = clients.values().iterator();
        while (it.hasNext()) {
            Upstream u = it.next();
            if (now - u.lastSeen > IDLE_NANOS) {
                u.channel.close();
                it.remove();
            }
        }
    }

    /** Datagrams lost so far, both ways, by the simulated conditions and by a full queue. */
    public long dropped() {
        long n = overflowDrops;
        for (Upstream u : clients.values()) {
            n += u.up.dropped() + u.down.dropped();
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (Upstream u : clients.values()) {
                u.channel.close();
            }
            front.close();
            selector.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
