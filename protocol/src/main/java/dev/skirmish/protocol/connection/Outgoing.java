package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import java.net.InetSocketAddress;

/**
 * Everything a {@link ServerEndpoint} sends goes out here, so the traffic counters in {@link ServerStats} see every
 * datagram: packets sealed for a connection, and the handshake's packets sealed under a token's own key.
 */
final class Outgoing {
    /** DISCONNECT is not acknowledged: a few copies make it through a lossy link. */
    private static final int DISCONNECT_COPIES = 3;

    private final DatagramSink sink;
    private final ServerStats stats;

    Outgoing(DatagramSink sink, ServerStats stats) {
        this.sink = sink;
        this.stats = stats;
    }

    /** Seals {@code packet} under the connection's keys and sequence. */
    void send(Connection c, Packet packet, long now) {
        transmit(c.address(), PacketCodec.encodeSealed(packet, c.nextSendSequence(), c.serverToClientKey()));
        c.sent(now);
    }

    void sendDisconnect(Connection c, Disconnect.Reason reason, long now) {
        for (int i = 0; i < DISCONNECT_COPIES; i++) {
            send(c, new Disconnect(reason), now);
        }
    }

    void transmit(InetSocketAddress to, byte[] datagram) {
        stats.bytesOut += datagram.length;
        stats.packetsOut++;
        stats.maxPacketBytes = Math.max(stats.maxPacketBytes, datagram.length);
        sink.send(to, datagram);
    }
}
