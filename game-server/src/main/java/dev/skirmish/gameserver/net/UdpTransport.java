package dev.skirmish.gameserver.net;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.connection.DatagramSink;
import dev.skirmish.protocol.packet.PacketCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP socket. Netty's event loop only copies datagrams into a bounded queue; the tick thread drains it at the
 * start of every tick and does all protocol work, so game state has one owner and needs no locks. Outgoing
 * datagrams are collected during the tick and handed to the event loop once, at its end, as one task.
 *
 * <p>In a match host (by default; {@code -Dskirmish.host.tick-reads=false} for the event loop's reads) the event
 * loop does not read at all: the tick thread takes the socket's datagrams itself at the start of each tick
 * ({@link #drain}), straight from the kernel's receive buffer, and writes its datagrams itself
 * ({@code skirmish.host.tick-sends}). The event loop otherwise woke once per datagram (6 players × 60 inputs a
 * second per match) and once per match and tick for the flush, and each wake-up could take the core of the tick
 * thread in the middle of a tick: 97 % of the tick thread's preemptions in the sched_switch trace of
 * docs/benchmarks.md ("Who preempts the tick thread").
 */
public final class UdpTransport implements DatagramSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
    /** 64 players × 240 packets/s cap ÷ 60 ticks, with room for handshakes; beyond it we drop, never grow. */
    public static final int INBOUND_QUEUE = 8192;

    /** Match hosts: the tick thread reads the socket itself (default; {@code false}: the event loop reads, A/B). */
    public static final boolean TICK_READS = Boolean.parseBoolean(System.getProperty("skirmish.host.tick-reads", "true"));
    /**
     * With {@link #TICK_READS}: the tick thread also writes its datagrams itself ({@code -Dskirmish.host.tick-sends});
     * the end-of-tick hand-off to the event loop woke it once per match and tick.
     */
    public static final boolean TICK_SENDS = Boolean.parseBoolean(System.getProperty("skirmish.host.tick-sends", "true"));

    /**
     * Datagrams one tick-read drain takes: a hosted match's players send at most 4 a tick each (240/s), so 256 is
     * room for 8 players and their handshakes many times over, while a flood at one match's port costs the tick
     * thread, which every match of the host shares, at most 256 reads a tick (a few hundred µs) instead of 8192.
     */
    static final int TICK_READS_PER_DRAIN = 256;

    private final EventLoopGroup group;
    /** False when the event loop is shared by several transports (a match host) and outlives this one. */
    private final boolean ownsGroup;
    private final BlockingQueue<Datagram> inbound = new ArrayBlockingQueue<>(INBOUND_QUEUE);
    private final AtomicLong droppedInbound = new AtomicLong();
    /** The tick thread's batch of one drain; reused, so draining allocates nothing. */
    private final List<Datagram> drained = new ArrayList<>(INBOUND_QUEUE);
    private final Channel channel;
    /** The socket under {@link #channel} when the tick thread reads it ({@link #TICK_READS}), else null. */
    private final DatagramChannel tickSocket;
    /** One byte over the largest packet, so an oversized datagram is seen as such instead of cut to size. */
    private final ByteBuffer received;
    /** The tick thread writes {@link #tickSocket} itself ({@link #TICK_SENDS}); nothing is queued for a flush. */
    private final boolean tickSends;
    /** Datagrams written by the tick thread since its last flush (only that thread touches it). */
    private List<DatagramPacket> outbound = new ArrayList<>();

    public UdpTransport(String address, int port) throws InterruptedException {
        this(address, port, null);
    }

    /** One event loop for every port of a match host: {@code shared} is not shut down by {@link #close()}. */
    public static EventLoopGroup sharedLoop() {
        return new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /** @param shared an event loop from {@link #sharedLoop()}, or null for one of its own */
    public UdpTransport(String address, int port, EventLoopGroup shared) throws InterruptedException {
        this(address, port, shared, shared != null && TICK_READS, shared != null && TICK_READS && TICK_SENDS);
    }

    /** Tests: the tick-read and tick-send levers set here rather than by the host's system properties. */
    UdpTransport(String address, int port, EventLoopGroup shared, boolean tickReads, boolean tickSends)
            throws InterruptedException {
        this.ownsGroup = shared == null;
        this.group = shared == null ? sharedLoop() : shared;
        DatagramChannel socket = null;
        if (tickReads) {
            try {
                socket = DatagramChannel.open();
            } catch (IOException e) {
                throw new IllegalStateException("udp socket: " + e.getMessage(), e);
            }
        }
        this.tickSocket = socket;
        this.tickSends = tickReads && tickSends;
        this.received = tickReads ? ByteBuffer.allocateDirect(Protocol.MAX_PACKET_BYTES + 1) : null;
        DatagramChannel own = socket;
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> own == null ? new NioDatagramChannel() : new NioDatagramChannel(own))
                // the tick thread reads a tick-read socket; Netty then only writes to it
                .option(ChannelOption.AUTO_READ, !tickReads)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .option(ChannelOption.SO_SNDBUF, 1 << 20)
                .option(ChannelOption.ALLOCATOR, allocator(shared != null))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        byte[] data = admitted(content.readableBytes(), content::readBytes);
                        if (data != null && !inbound.offer(new Datagram(data, packet.sender()))) {
                            droppedInbound.incrementAndGet();
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        log.debug("udp channel error: {}", cause.toString());
                    }
                });
        try {
            this.channel = b.bind(new InetSocketAddress(address, port)).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the bind's error is the one to report
                }
            }
            if (ownsGroup) {
                group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            throw e;
        }
    }

    /**
     * In a match host, Netty's pooled allocator, unless {@code io.netty.allocator.type} names one (the memory levers
     * of docs/benchmarks.md set it). Its direct buffers keep their NIO view; Netty 4.2's default adaptive allocator
     * slices a new ByteBuffer for every receive attempt and duplicates one for every copy out: about a third of the
     * event loop's garbage per datagram (HostAllocationBenchmark), which a host's young collections pay for all its
     * matches. A server of its own keeps Netty's default: the pool cost it ~4 MiB of RSS (MemoryLevers), a host
     * pays that once for all its matches.
     */
    static ByteBufAllocator allocator(boolean hosted) {
        return hosted && System.getProperty("io.netty.allocator.type") == null ? PooledByteBufAllocator.DEFAULT
                : ByteBufAllocator.DEFAULT;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Hands the queued datagrams to {@code handler}, on the caller's (tick) thread: at most one queue's worth, so
     * a flood arriving while we drain cannot keep the tick from ever getting to the simulation. One drainTo takes
     * the queue's lock once per tick instead of once per datagram: the Netty loop offers into the same queue at the
     * same moment, and every contended acquisition could park the tick thread.
     */
    public void drain(Consumer<Datagram> handler) {
        if (tickSocket != null) {
            receiveNow(handler);
            return;
        }
        inbound.drainTo(drained, INBOUND_QUEUE);
        try {
            for (Datagram d : drained) {
                handler.accept(d);
            }
        } finally {
            drained.clear();
        }
    }

    /**
     * The tick-read drain: what the kernel holds for this socket now, at most {@link #TICK_READS_PER_DRAIN}
     * datagrams (the rest waits for the next tick in the socket's receive buffer, whose size bounds a flood as the
     * queue did; the kernel drops what does not fit), through the same checks as the event loop's reads
     * ({@link #admitted}).
     */
    private void receiveNow(Consumer<Datagram> handler) {
        for (int i = 0; i < TICK_READS_PER_DRAIN; i++) {
            SocketAddress from;
            received.clear();
            try {
                from = tickSocket.receive(received);
            } catch (IOException e) {
                log.debug("udp receive: {}", e.toString()); // closed, or an ICMP error for an earlier send
                return;
            }
            if (from == null) {
                return;
            }
            received.flip();
            byte[] data = admitted(received.remaining(), received::get);
            if (data != null) {
                handler.accept(new Datagram(data, (InetSocketAddress) from));
            }
        }
    }

    /**
     * The checks every received datagram passes before the decoder sees it, on either read path: empty or oversized
     * ones are dropped before anything is copied, and so are those with a wrong length, protocol id or type, so a
     * flood of them cannot crowd out (the queue, the handshake budgets) what real clients need. Dropped ones are
     * counted; null for them.
     *
     * @param copy copies the datagram's {@code n} bytes into the array it is given
     */
    private byte[] admitted(int n, Consumer<byte[]> copy) {
        if (n == 0 || n > Protocol.MAX_PACKET_BYTES) {
            droppedInbound.incrementAndGet();
            return null;
        }
        byte[] data = new byte[n];
        copy.accept(data);
        if (!PacketCodec.plausible(data, 0, n)) {
            droppedInbound.incrementAndGet();
            return null;
        }
        return data;
    }

    public long droppedInbound() {
        return droppedInbound.get();
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        if (tickSends) {
            try {
                tickSocket.send(ByteBuffer.wrap(datagram), to); // non-blocking: a full send buffer drops it, as UDP may
            } catch (IOException e) {
                log.debug("udp send: {}", e.toString());
            }
            return;
        }
        outbound.add(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
    }

    /**
     * Writes this tick's datagrams on the event loop, as one task: a write from another thread would be a task
     * (and a selector wake-up) per datagram, ~20 per tick with 64 players. A tick that wrote nothing costs
     * nothing, so a server with nobody connected does not wake the loop 60 times a second.
     */
    public void flush() {
        if (outbound.isEmpty()) {
            return;
        }
        List<DatagramPacket> batch = outbound;
        outbound = new ArrayList<>(batch.size());
        channel.eventLoop().execute(() -> {
            for (DatagramPacket p : batch) {
                channel.write(p, channel.voidPromise());
            }
            channel.flush();
        });
    }

    @Override
    public void close() {
        try {
            flush();
            channel.close().awaitUninterruptibly(1000);
        } finally {
            if (ownsGroup) {
                group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
            }
        }
    }
}
