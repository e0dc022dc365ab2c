package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SealedPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packets of connected players, sealed under their connection keys: rate first (a flood costs no AEAD work),
 * then the tag, the layout and the replay window. INPUT has a fast path into per-endpoint scratch
 * ({@link ServerEndpoint.InputSink}) because it is most of the traffic; it runs once per datagram and allocates
 * nothing.
 */
final class SealedPackets {
    // the endpoint's logger: the messages stay under the category operators already filter on
    private static final Logger log = LoggerFactory.getLogger(ServerEndpoint.class);

    private final ConnectionTable table;
    private final ServerStats stats;
    /** One decrypted payload and its decoded inputs at a time (one thread). */
    private final byte[] plain = new byte[PacketCodec.MAX_SEALED_PAYLOAD];
    private final InputView input = new InputView();

    SealedPackets(ConnectionTable table, ServerStats stats) {
        this.table = table;
        this.stats = stats;
    }

    /** An INPUT decoded into scratch and handed to {@code sink}: the same checks as {@link #receive}. */
    void receiveInput(byte[] data, int offset, int length, InetSocketAddress from, long now,
                      ServerEndpoint.InputSink sink) {
        Connection c = table.atAddress(from);
        if (c == null || !c.connected()) {
            stats.dropped++;
            return;
        }
        if (!c.withinRate(now, ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND)) {
            stats.dropped++;
            return;
        }
        int n = PacketCodec.openSealedInto(data, offset, length, c.clientToServerKey(), plain);
        if (n < 0 || !input.decode(plain, 0, n) || !c.replay().accept(PacketCodec.sealedSequence(data, offset))) {
            stats.dropped++;
            return;
        }
        c.received(now);
        sink.input(c.playerIndex(), input);
    }

    Optional<ServerEvent> receive(byte[] data, int offset, int length, InetSocketAddress from, long now) {
        Optional<Connection> conn = table.byAddress(from).filter(Connection::connected);
        if (conn.isEmpty()) {
            stats.dropped++;
            return Optional.empty();
        }
        Connection c = conn.get();
        if (!c.withinRate(now, ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND)) {
            stats.dropped++;
            return Optional.empty();
        }
        Optional<SealedPacket> sealed = PacketCodec.decodeSealed(data, offset, length, c.clientToServerKey());
        if (sealed.isEmpty() || !c.replay().accept(sealed.get().sequence())) {
            stats.dropped++;
            return Optional.empty();
        }
        c.received(now);
        return switch (sealed.get().packet()) {
            case KeepAlive k -> Optional.empty();
            case InputPacket in -> Optional.of(new ServerEvent.InputReceived(c.playerIndex(), in));
            case Disconnect d -> {
                table.unbind(c);
                log.info("player {} left: {}", c.playerName(), d.reason());
                yield Optional.of(new ServerEvent.PlayerDisconnected(c.playerIndex(), c.playerName(), d.reason()));
            }
            default -> {
                stats.dropped++; // server-to-client types coming from a client
                yield Optional.empty();
            }
        };
    }
}
