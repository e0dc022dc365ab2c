package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.PacketType;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the connection protocol, without sockets: feed it datagrams and the time, it answers through
 * a {@link DatagramSink} and reports {@link ServerEvent}s. Not thread-safe: call it from one thread (the tick
 * thread). Invalid input of any kind is dropped without a reply and without an exception.
 *
 * <p>Every {@code nowMillis} is wall-clock time in Unix epoch milliseconds ({@code System.currentTimeMillis()}):
 * it is compared with token expiry times and challenge lifetimes.
 *
 * <p>The work is split by concept: {@link Admission} (the handshake and who may join), {@link SealedPackets}
 * (connected players' packets), {@link Liveness} (keep-alives and timeouts), all sending through {@link Outgoing}.
 */
public final class ServerEndpoint {
    private static final Logger log = LoggerFactory.getLogger(ServerEndpoint.class);
    /** Connection requests and challenge responses cost an AEAD open each; beyond this per second they are dropped. */
    public static final int MAX_HANDSHAKES_PER_SECOND = 512;
    /** Of those, at most this many from one source IP per second (a client sends ~20 during its handshake). */
    public static final int MAX_HANDSHAKES_PER_ADDRESS_SECOND = 64;
    /** Source addresses the per-address budget tracks within one second; new ones beyond it wait for the next. */
    public static final int MAX_HANDSHAKE_ADDRESSES = 4096;
    /** Sealed packets accepted per connected player and second (60 inputs + keep-alives leave ample room). */
    public static final int MAX_PACKETS_PER_PLAYER_SECOND = 240;

    private final ConnectionTable table;
    private final ServerStats stats = new ServerStats();
    private final Outgoing out;
    private final Admission admission;
    private final SealedPackets sealed;
    private final Liveness liveness;
    /** Where INPUT packets go without becoming events (null: as {@link ServerEvent.InputReceived}). */
    private InputSink inputSink;

    /**
     * Takes the INPUT packets of connected players as they are decoded, instead of an
     * {@link ServerEvent.InputReceived} with an {@link InputPacket} record each: the same checks (rate, tag, layout,
     * replay window) in the same order, without the records, lists and Optionals a packet used to cost.
     */
    @FunctionalInterface
    public interface InputSink {
        /** {@code input} is valid during the call only. */
        void input(int playerIndex, InputView input);
    }

    public ServerEndpoint(ServerConfig config, DatagramSink sink, long nowMillis) {
        this.table = new ConnectionTable(config.allowedPlayerNames());
        this.out = new Outgoing(sink, stats);
        this.admission = new Admission(config, table, out, stats);
        this.sealed = new SealedPackets(table, stats);
        this.liveness = new Liveness(config, table, out);
    }

    public ConnectionTable connections() {
        return table;
    }

    public ServerStats stats() {
        return stats;
    }

    /** Routes INPUT packets to {@code sink} from now on (see {@link InputSink}); call from the receiving thread. */
    public void inputSink(InputSink sink) {
        this.inputSink = sink;
    }

    /** Adds player names after start (warm servers receive their players with the allocation). */
    public void allowPlayers(List<String> names) {
        table.allow(names);
    }

    /** After the match: new connection requests are denied with MATCH_OVER. */
    public void stopAcceptingPlayers() {
        admission.stopAcceptingPlayers();
    }

    /** Handles one datagram. Returns what the game must know about, if anything. */
    public Optional<ServerEvent> receive(byte[] data, int offset, int length, InetSocketAddress from, long nowMillis) {
        stats.bytesIn += length;
        PacketType type = PacketCodec.typeOrNull(data, offset, length);
        if (type == null) {
            stats.dropped++;
            return Optional.empty();
        }
        if (type == PacketType.INPUT && inputSink != null) {
            sealed.receiveInput(data, offset, length, from, nowMillis, inputSink);
            return Optional.empty();
        }
        return switch (type) {
            case CONNECTION_REQUEST, CHALLENGE_RESPONSE -> admission.receive(data, offset, length, from, nowMillis);
            default -> sealed.receive(data, offset, length, from, nowMillis);
        };
    }

    public Optional<ServerEvent> receive(byte[] datagram, InetSocketAddress from, long nowMillis) {
        return receive(datagram, 0, datagram.length, from, nowMillis);
    }

    /** Timeouts and keep-alives; call once per tick. */
    public List<ServerEvent> update(long nowMillis) {
        return liveness.update(nowMillis);
    }

    /** Seals and sends a packet to a connected player; false when the player is not connected. */
    public boolean send(int playerIndex, Packet packet, long nowMillis) {
        Connection c = table.byIndex(playerIndex).orElse(null); // no lambda per snapshot sent
        if (c == null || !c.connected()) {
            return false;
        }
        out.send(c, packet, nowMillis);
        return true;
    }

    /**
     * Disconnects one connected player (3 DISCONNECT copies) and forgets its address; the slot stays, so the player
     * may come back with its token. Returns the event to hand to the game, empty when it was not connected.
     */
    public Optional<ServerEvent> disconnect(int playerIndex, Disconnect.Reason reason, long nowMillis) {
        Optional<Connection> c = table.byIndex(playerIndex).filter(Connection::connected);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Connection conn = c.get();
        out.sendDisconnect(conn, reason, nowMillis);
        table.unbind(conn);
        log.info("player {} disconnected by the server: {}", conn.playerName(), reason);
        return Optional.of(new ServerEvent.PlayerDisconnected(playerIndex, conn.playerName(), reason));
    }

    /**
     * An operator removes a player from the match: disconnected with KICKED if connected, and its token (any
     * token for that name) is denied KICKED from now on. Returns the disconnect event for the game, if any; a name
     * not in the match, or kicked before, changes nothing.
     */
    public Optional<ServerEvent> kick(String playerName, long nowMillis) {
        Optional<Integer> index = table.indexOf(playerName);
        if (index.isEmpty() || !admission.kick(index.get())) {
            return Optional.empty();
        }
        log.info("player {} kicked by an operator", playerName);
        return disconnect(index.get(), Disconnect.Reason.KICKED, nowMillis);
    }

    /** Whether this player was kicked from the match. */
    public boolean isKicked(String playerName) {
        return table.indexOf(playerName).map(admission::isKicked).orElse(false);
    }

    /** Tells every connected player goodbye (3 copies, since DISCONNECT is not acknowledged) and forgets them. */
    public void disconnectAll(Disconnect.Reason reason, long nowMillis) {
        for (Connection c : table.slots()) {
            if (c.connected()) {
                out.sendDisconnect(c, reason, nowMillis);
                table.unbind(c);
            }
        }
    }

    /** Addresses in the per-address handshake budget this second (tests: bounded and cleaned). */
    int trackedHandshakeAddresses() {
        return admission.trackedAddresses();
    }
}
