package dev.skirmish.gameserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.PacketType;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A match host's tick-read sockets ({@code -Dskirmish.host.tick-reads}, with {@code tick-sends}): the tick thread
 * reads the kernel's queue itself and writes its datagrams itself. Real UDP sockets on loopback, bounded in count.
 */
@Timeout(30)
class TickReadsTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final EventLoopGroup loop = UdpTransport.sharedLoop();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(2000);
    }

    /**
     * Attack: a flood of junk at one hosted match's port. The tick thread that reads it ticks every match of the
     * host, so a drain that took the queue's 8192 datagrams a tick would spend milliseconds of every other match's
     * tick on one port's junk. One drain takes at most {@link UdpTransport#TICK_READS_PER_DRAIN}; the rest waits in
     * the socket's bounded receive buffer (the kernel drops what does not fit), and junk is counted, never decoded.
     */
    @Test
    void aFloodAtOneHostedPortCostsTheSharedTickThreadAtMostABoundedNumberOfReadsPerTick() throws Exception {
        int flood = 3 * UdpTransport.TICK_READS_PER_DRAIN;
        try (UdpTransport t = new UdpTransport("127.0.0.1", 0, loop, true, true);
                DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", t.port());
            for (int i = 0; i < flood; i++) {
                attacker.send(new DatagramPacket(new byte[] {0x01}, 1, target)); // a one-byte "request": implausible
            }
            List<Datagram> decoded = new ArrayList<>();
            long mostInOneDrain = 0;
            long end = System.nanoTime() + DEADLINE_NANOS;
            while (t.droppedInbound() < flood && System.nanoTime() < end) {
                long before = t.droppedInbound();
                t.drain(decoded::add);
                mostInOneDrain = Math.max(mostInOneDrain, t.droppedInbound() - before);
            }
            assertThat(t.droppedInbound()).isEqualTo(flood);
            assertThat(decoded).isEmpty();
            // all were queued before the first drain (a loopback send delivers before it returns): the bound is hit
            assertThat(mostInOneDrain).isEqualTo(UdpTransport.TICK_READS_PER_DRAIN);
        }
    }

    /** Oversized datagrams are not cut to the packet size and passed on: they are dropped, as on the event loop. */
    @Test
    void anOversizedDatagramIsDroppedNotTruncated() throws Exception {
        try (UdpTransport t = new UdpTransport("127.0.0.1", 0, loop, true, true);
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] big = sealed(Protocol.MAX_PACKET_BYTES + 1);
            peer.send(new DatagramPacket(big, big.length, new InetSocketAddress("127.0.0.1", t.port())));
            List<Datagram> got = new ArrayList<>();
            long end = System.nanoTime() + DEADLINE_NANOS;
            while (t.droppedInbound() == 0 && System.nanoTime() < end) {
                t.drain(got::add);
            }
            assertThat(t.droppedInbound()).isEqualTo(1);
            assertThat(got).isEmpty();
        }
    }

    @Test
    void datagramsReachTheTickThreadAndItsRepliesReachThePeerWithTickSendsOnAndOff() throws Exception {
        for (boolean tickSends : new boolean[] {true, false}) {
            try (UdpTransport t = new UdpTransport("127.0.0.1", 0, loop, true, tickSends);
                    DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                peer.setSoTimeout(5000);
                byte[] in = sealed(64);
                peer.send(new DatagramPacket(in, in.length, new InetSocketAddress("127.0.0.1", t.port())));
                List<Datagram> got = new ArrayList<>();
                long end = System.nanoTime() + DEADLINE_NANOS;
                while (got.isEmpty() && System.nanoTime() < end) {
                    t.drain(got::add);
                }
                assertThat(got).hasSize(1);
                assertThat(got.getFirst().data()).isEqualTo(in);
                assertThat(got.getFirst().sender().getPort()).isEqualTo(peer.getLocalPort());

                byte[] out = sealed(80);
                t.send(got.getFirst().sender(), out);
                t.flush();
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                peer.receive(reply);
                assertThat(reply.getLength()).isEqualTo(out.length);
            }
        }
    }

    /** A sealed-type datagram long enough to pass {@link PacketCodec#plausible} (its content is never decoded here). */
    private static byte[] sealed(int length) {
        byte[] b = new byte[length];
        b[0] = (byte) PacketType.KEEP_ALIVE.code();
        for (int i = 1; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
