package dev.skirmish.protocol.client;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.connection.ClientEndpoint;
import dev.skirmish.protocol.connection.ClientEvent;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.connection.InputHistory;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.snapshot.SnapshotReceiver;
import dev.skirmish.protocol.snapshot.SnapshotSender;
import dev.skirmish.protocol.token.ConnectToken;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Many load bots on the caller's one thread, for benchmarks that must not let the load driver take the cores the
 * servers are measured on. Each bot is a whole client as far as the server can tell: its own UDP socket and {@link
 * ClientEndpoint} (handshake, per-connection keys, keep-alives), an input per tick ({@link #input}) with the
 * protocol's redundancy, every snapshot decrypted, parsed and acknowledged as a {@link SnapshotReceiver} would,
 * every reliable event acknowledged; so the server's bytes in and out per player are those of {@link GameClient}.
 * What it leaves out is what the server never sees: a receiving thread and a 10 ms timer per bot (600 bots woke
 * 60,000 times a second), locks, buffered events, prediction and, unless asked for, decoding each snapshot's world
 * (most of the rest of a bot's CPU; the acks do not depend on it). Sockets are connected to the server (the kernel
 * filters other sources) and read through one selector, all of them just before inputs go out, so every input
 * carries the newest acks, as {@link GameClient}'s would.
 *
 * <p>Not thread-safe: one thread calls everything.
 */
public final class BotSwarm implements AutoCloseable {
    /** Handshakes under way at once in {@link #connectAll}. */
    public static final int HANDSHAKING = 4;
    private final Selector selector;
    private final List<Bot> bots = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(Protocol.MAX_PACKET_BYTES + 1);
    private long bytesIn;
    private long bytesOut;
    private int maxPacketBytes;

    private final class Bot {
        final DatagramChannel channel;
        final InetSocketAddress server;
        final ConnectToken token;
        /** Made when its handshake starts (its handshake timeout runs from then). */
        ClientEndpoint endpoint;
        final InputHistory inputs = new InputHistory();
        final SnapshotReceiver snapshots = new SnapshotReceiver();
        /** Without world decoding: the ticks held as baselines (ring as the receiver's) and the newest of them. */
        final long[] held = new long[SnapshotSender.HISTORY];
        long newest = SnapshotPacket.NO_TICK;

        /**
         * The ack a {@link SnapshotReceiver} would send: a snapshot counts once its baseline is one we hold (or it
         * is full). Decoding the delta itself only makes the world, which a bot never looks at; the codec's own
         * tests prove every snapshot the server encodes decodes.
         */
        void took(SnapshotPacket p) {
            if (decodeWorlds) {
                snapshots.receive(p);
                return;
            }
            if (!p.isFull() && held[(int) (p.baselineTick() % SnapshotSender.HISTORY)] != p.baselineTick()) {
                return; // baseline unknown: the receiver would wait for the next one
            }
            held[(int) (p.tick() % SnapshotSender.HISTORY)] = p.tick();
            if (newest == SnapshotPacket.NO_TICK || p.tick() > newest) {
                newest = p.tick();
            }
        }

        long ackTick() {
            return decodeWorlds ? snapshots.ackTick() : newest;
        }

        Bot(ConnectToken token, InetSocketAddress server) throws IOException {
            this.token = token;
            this.server = server;
            java.util.Arrays.fill(held, SnapshotPacket.NO_TICK);
            this.channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
            channel.connect(server);
            channel.configureBlocking(false);
        }

        void start(long now) {
            this.endpoint = new ClientEndpoint(token, server, (to, datagram) -> {
                try {
                    channel.write(ByteBuffer.wrap(datagram));
                    bytesOut += datagram.length;
                    maxPacketBytes = Math.max(maxPacketBytes, datagram.length);
                } catch (IOException e) {
                    // a refused or full socket loses the datagram, as UDP would
                }
            }, now);
        }
    }

    private final boolean decodeWorlds;

    /**
     * @param decodeWorlds decode every snapshot's world as a {@link GameClient} does (client CPU only: the acks, and
     *                     so the server's traffic, are the same without it)
     */
    public BotSwarm(boolean decodeWorlds) throws IOException {
        this.decodeWorlds = decodeWorlds;
        this.selector = Selector.open();
    }

    /** Adds a bot; {@link #connectAll} connects it. */
    public void add(ConnectToken token, InetSocketAddress server) throws IOException {
        Bot bot = new Bot(token, server);
        bot.channel.register(selector, SelectionKey.OP_READ, bot);
        bots.add(bot);
    }

    public int size() {
        return bots.size();
    }

    /**
     * Drives every handshake until all bots are connected, {@link #HANDSHAKING} at a time (all at once, bots from one
     * address would run into the server's per-address handshake budget and time out); throws when one fails or the
     * time is up.
     */
    public void connectAll(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = 0;
        while (connected() < bots.size()) {
            int handshaking = 0;
            for (Bot b : bots) {
                if (b.endpoint != null && b.endpoint.state() != ClientState.CONNECTED) {
                    handshaking++;
                }
            }
            for (; handshaking < HANDSHAKING && next < bots.size(); handshaking++) {
                bots.get(next++).start(System.currentTimeMillis());
            }
            for (Bot b : bots) {
                if (b.endpoint != null && b.endpoint.state().isFinal()) {
                    throw new GameClientException("bot refused: " + b.endpoint.state() + " " + b.endpoint.finalReason());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new GameClientException(connected() + " of " + bots.size() + " bots connected within " + timeout);
            }
            selector.select(10);
            poll();
        }
    }

    /** Bots in state CONNECTED. */
    public int connected() {
        int n = 0;
        for (Bot b : bots) {
            if (b.endpoint != null && b.endpoint.state() == ClientState.CONNECTED) {
                n++;
            }
        }
        return n;
    }

    /** Reads every datagram that arrived (snapshots decoded, events taken), then runs the bots' timers. */
    public void poll() throws IOException {
        long now = System.currentTimeMillis();
        selector.selectNow(); // adds to the selected set, which a select() before may already have filled
        if (!selector.selectedKeys().isEmpty()) {
            for (SelectionKey key : selector.selectedKeys()) {
                Bot bot = (Bot) key.attachment();
                while (true) {
                    buffer.clear();
                    int n;
                    try {
                        n = bot.endpoint == null ? 0 : bot.channel.read(buffer);
                    } catch (IOException e) {
                        break; // e.g. ICMP port unreachable from a server that is gone
                    }
                    if (n <= 0) {
                        break;
                    }
                    bytesIn += n;
                    for (ClientEvent e : bot.endpoint.receive(buffer.array(), 0, n, bot.server, now)) {
                        if (e instanceof ClientEvent.SnapshotReceived s) {
                            bot.took(s.snapshot());
                        }
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        for (Bot b : bots) {
            if (b.endpoint != null) {
                b.endpoint.update(now);
            }
        }
    }

    /** One input for bot {@code i} with the newest acks (call {@link #poll} first); ignored until it is connected. */
    public void input(int i, int buttons) {
        Bot b = bots.get(i);
        if (b.endpoint == null || b.endpoint.state() != ClientState.CONNECTED) {
            return;
        }
        b.inputs.record(buttons);
        b.endpoint.send(b.inputs.packet(b.ackTick(), b.endpoint.eventAck()), System.currentTimeMillis());
    }

    /** The snapshot ack bot {@code i} sends ({@link SnapshotPacket#NO_TICK} before its first snapshot). */
    public long ackTick(int i) {
        return bots.get(i).ackTick();
    }

    /** Bytes of every datagram the bots received, as {@link GameClient#bytesIn()} counts them. */
    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }

    /** Says goodbye (DISCONNECT) for every connected bot and closes the sockets. */
    @Override
    public void close() {
        long now = System.currentTimeMillis();
        for (Bot b : bots) {
            if (b.endpoint != null) {
                b.endpoint.disconnect(now);
            }
            try {
                b.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
