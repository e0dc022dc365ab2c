package dev.skirmish.gameserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.client.GameClient;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack: a flood of handshake datagrams (type 0x01/0x03) to stop every connect to a game server. Protocol v1
 * charged one global budget of 512 per second before any check, so ~513 one-byte datagrams a second were enough.
 * Real UDP on loopback: a flooder sends 20,000 datagrams a second for at most 5 s (bounded in count and time)
 * from one address, or from many 127.x.y.z addresses, while a real client connects; it must be connected within 1 s.
 * (Well-formed requests flooded from one address, which pass these checks and meet the per-address budget, are in
 * the protocol's SameTokenAttacksTest: the rate that would show it over UDP is a bandwidth flood of its own.)
 * The rates are what it takes to use up 512 handshakes in the first few dozen milliseconds of every second, so
 * that without the defense a client (which resends every 100 ms) would wait for seconds.
 */
@Timeout(60)
class HandshakeFloodTest {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final Random RANDOM = new Random(13);

    /** Short, wrong-protocol and garbage handshake datagrams: nothing a real client ever sends. */
    static List<byte[]> garbage() {
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[] {0x01});
        out.add(new byte[] {0x03});
        byte[] shortRequest = new byte[600];
        shortRequest[0] = 0x01;
        out.add(shortRequest);
        byte[] v1 = new byte[Protocol.MAX_PACKET_BYTES]; // a version-1 request: another protocol id
        v1[0] = 0x01;
        System.arraycopy("SKIRMSH1".getBytes(StandardCharsets.US_ASCII), 0, v1, 1, 8);
        out.add(v1);
        out.add(new byte[] {0x03, 0, 0, 0, 0, 0, 0, 0, 1, 0});
        for (int i = 0; i < 8; i++) {
            byte[] g = new byte[1 + RANDOM.nextInt(1200)];
            RANDOM.nextBytes(g);
            g[0] = (byte) (i % 2 == 0 ? 0x01 : 0x03);
            out.add(g);
        }
        return out;
    }

    @Test
    void aFloodOfShortGarbageAndWrongProtocolHandshakesFromOneAddressDoesNotDelayAConnect() throws Exception {
        assertConnectsWithinLimitDuring(garbage(), sources(1), 20_000);
    }

    @Test
    void aFloodOfShortGarbageAndWrongProtocolHandshakesFromManyAddressesDoesNotDelayAConnect() throws Exception {
        assertConnectsWithinLimitDuring(garbage(), sources(120), 20_000);
    }

    /** Sockets on 127.0.x.y, never 127.0.0.1 (the real client's address). */
    private static List<DatagramSocket> sources(int count) throws IOException {
        List<DatagramSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sockets.add(new DatagramSocket(new InetSocketAddress("127.0." + (1 + i / 200) + "." + (10 + i % 200), 0)));
        }
        return sockets;
    }

    private void assertConnectsWithinLimitDuring(List<byte[]> datagrams, List<DatagramSocket> sources, int perSecond)
            throws Exception {
        try (InProcessServer s = new InProcessServer("s-flood", "--players", "alice,bob")) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", s.server.port());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            Thread flooder = Thread.ofPlatform().name("flooder").start(() -> flood(datagrams, sources, server, perSecond, stop, sent));
            try {
                long warmUp = System.nanoTime() + Duration.ofMillis(300).toNanos();
                while (System.nanoTime() < warmUp || sent.get() < 1000) { // the flood is on before we connect
                    Thread.onSpinWait();
                }
                long start = System.nanoTime();
                try (GameClient alice = GameClient.connect(s.token("alice"), Duration.ofSeconds(5))) {
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(took).as("connect time under a flood of %d datagrams", sent.get())
                            .isLessThanOrEqualTo(LIMIT);
                }
            } finally {
                stop.set(true);
                flooder.join(5000);
                sources.forEach(DatagramSocket::close);
            }
            assertThat(sent.get()).isGreaterThan(1000);
            assertThat(s.server.droppedInbound() + s.server.droppedPackets()).isPositive();
        }
    }

    /** About {@code perSecond} datagrams a second, for at most 5 s, until {@code stop}. */
    private static void flood(List<byte[]> datagrams, List<DatagramSocket> sources, InetSocketAddress to, int perSecond,
                              AtomicBoolean stop, AtomicLong sent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int perMilli = perSecond / 1000;
        int i = 0;
        try {
            while (!stop.get() && System.nanoTime() < deadline) {
                long next = System.nanoTime() + 1_000_000;
                for (int k = 0; k < perMilli; k++, i++) {
                    byte[] d = datagrams.get(i % datagrams.size());
                    sources.get(i % sources.size()).send(new DatagramPacket(d, d.length, to));
                    sent.incrementAndGet();
                }
                long left = next - System.nanoTime();
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                }
            }
        } catch (IOException | InterruptedException e) {
            // sockets closed at the end of the test
        }
    }
}
