package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.PacketType;
import dev.skirmish.protocol.packet.SealedPacket;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.protocol.token.TokenCheck;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
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

    private final ServerConfig config;
    private final DatagramSink sink;
    private final ConnectionTable table;
    private final byte[] challengeKey = new byte[32];
    /** Sequence for CHALLENGE and DENIED, the only packets sealed under a token's own server-to-client key. */
    private long handshakeSequence;
    private boolean acceptingPlayers = true;
    /** Slots an operator kicked: their tokens are denied KICKED for the rest of the match (bounded by the slots). */
    private final java.util.BitSet kicked = new java.util.BitSet();
    private final HandshakeBudget handshakes = new HandshakeBudget(MAX_HANDSHAKES_PER_SECOND,
            MAX_HANDSHAKES_PER_ADDRESS_SECOND, MAX_HANDSHAKE_ADDRESSES);
    private final SecureRandom random = new SecureRandom();
    private final ServerStats stats = new ServerStats();
    /** Where INPUT packets go without becoming events (null: as {@link ServerEvent.InputReceived}). */
    private InputSink inputSink;
    /** The receive path's scratch: one decrypted payload and its decoded inputs at a time (one thread). */
    private final byte[] plain = new byte[PacketCodec.MAX_SEALED_PAYLOAD];
    private final InputView input = new InputView();

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
        this.config = config;
        this.sink = sink;
        this.table = new ConnectionTable(config.allowedPlayerNames());
        random.nextBytes(challengeKey);
        // a random start in [0, 2^62) instead of the clock: a server restarted with the same session key (and a
        // clock that stepped back) still does not seal two CHALLENGEs under one token key with one nonce
        this.handshakeSequence = random.nextLong() >>> 2;
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
        acceptingPlayers = false;
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
            onInput(data, offset, length, from, nowMillis);
            return Optional.empty();
        }
        return switch (type) {
            case CONNECTION_REQUEST, CHALLENGE_RESPONSE -> {
                // length, protocol id and layout first: what can never be valid costs no budget, so a flood of
                // it cannot crowd out real handshakes
                Optional<Packet> p = PacketCodec.plausible(data, offset, length)
                        ? PacketCodec.decodePlain(data, offset, length) : Optional.empty();
                if (p.isEmpty()) {
                    stats.dropped++;
                    yield Optional.empty();
                }
                if (!handshakes.tryCharge(from.getAddress(), nowMillis)) {
                    stats.dropped++;
                    stats.throttled++;
                    yield Optional.empty();
                }
                yield p.get() instanceof ConnectionRequest req
                        ? onRequest(req, from, nowMillis)
                        : onChallengeResponse((ChallengeResponse) p.get(), from, nowMillis);
            }
            default -> onSealed(data, offset, length, from, nowMillis);
        };
    }

    public Optional<ServerEvent> receive(byte[] datagram, InetSocketAddress from, long nowMillis) {
        return receive(datagram, 0, datagram.length, from, nowMillis);
    }

    private Optional<ServerEvent> onRequest(ConnectionRequest req, InetSocketAddress from, long now) {
        TokenCheck check = ConnectTokens.check(config.sessionKey(), req, config.sessionId(),
                Instant.ofEpochMilli(now));
        if (!(check instanceof TokenCheck.Valid valid)) {
            stats.dropped++;
            log.debug("connection request from {} refused: {}", from, ((TokenCheck.Invalid) check).reason());
            return Optional.empty();
        }
        var contents = valid.contents();
        if (!acceptingPlayers) {
            sendSealed(from, new Denied(Denied.Reason.MATCH_OVER), contents.serverToClientKey());
            return Optional.empty();
        }
        if (table.indexOf(contents.playerName()).isEmpty()) {
            log.info("player {} ({}) denied: name not in this match", contents.playerName(), contents.playerId());
            sendSealed(from, new Denied(Denied.Reason.NAME_NOT_ALLOWED), contents.serverToClientKey());
            return Optional.empty();
        }
        if (kicked.get(table.indexOf(contents.playerName()).get())) {
            log.info("player {} ({}) denied: kicked from this match", contents.playerName(), contents.playerId());
            sendSealed(from, new Denied(Denied.Reason.KICKED), contents.serverToClientKey());
            return Optional.empty();
        }
        Optional<Connection> holder = table.byIndex(table.indexOf(contents.playerName()).get())
                .filter(Connection::connected);
        if (holder.isPresent() && !from.equals(holder.get().address())
                && holder.get().playerId().equals(contents.playerId())) {
            // the player is connected from elsewhere: this is a captured request replayed, or a client whose old
            // connection has not timed out yet. No CHALLENGE; the slot is free again after a disconnect or timeout.
            // (From the connected address itself it is answered: a client restarted on the same port.)
            stats.dropped++;
            log.debug("connection request for connected player {} from another address {}: ignored",
                    contents.playerName(), from);
            return Optional.empty();
        }
        long challengeSequence = handshakeSequence++;
        byte[] serverSalt = new byte[Protocol.SALT_BYTES];
        random.nextBytes(serverSalt);
        ChallengeToken token = new ChallengeToken(from, now, contents.expiresAt().getEpochSecond(),
                contents.playerId(), contents.playerName(), contents.clientToServerKey(), contents.serverToClientKey(),
                serverSalt);
        sendSealed(from, new Challenge(challengeSequence, serverSalt, token.seal(challengeKey, challengeSequence)),
                contents.serverToClientKey());
        return Optional.empty();
    }

    private Optional<ServerEvent> onChallengeResponse(ChallengeResponse resp, InetSocketAddress from, long now) {
        Optional<ChallengeToken> opened = ChallengeToken.open(challengeKey, resp.challengeSequence(),
                resp.challengeToken());
        if (opened.isEmpty()) {
            stats.dropped++;
            return Optional.empty();
        }
        ChallengeToken t = opened.get();
        if (!t.clientAddress().equals(from)) {
            stats.dropped++;
            log.debug("challenge response for {} came from {}: refused", t.clientAddress(), from);
            return Optional.empty();
        }
        boolean stale = now - t.issuedAtMillis() > config.challengeLifetime().toMillis() || now < t.issuedAtMillis()
                || now / 1000 >= t.tokenExpiresAtSeconds();
        Optional<Integer> index = table.indexOf(t.playerName());
        if (stale || index.isEmpty()) {
            stats.dropped++;
            return Optional.empty();
        }
        if (!acceptingPlayers) {
            sendSealed(from, new Denied(Denied.Reason.MATCH_OVER), t.serverToClientKey());
            return Optional.empty();
        }
        if (kicked.get(index.get())) {
            // a challenge issued before the kick: the kick still wins
            sendSealed(from, new Denied(Denied.Reason.KICKED), t.serverToClientKey());
            return Optional.empty();
        }
        Connection c = table.slotFor(index.get(), t.playerId(), t.playerName());
        if (!c.playerId().equals(t.playerId())) {
            sendSealed(from, new Denied(Denied.Reason.ALREADY_CONNECTED), t.serverToClientKey());
            return Optional.empty();
        }
        switch (c.admission(from, resp.challengeSequence(), resp.clientSalt())) {
            case REPEAT -> {
                send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now); // duplicate response: confirm again
                return Optional.empty();
            }
            case REFUSE -> {
                stats.dropped++;
                return Optional.empty();
            }
            case ATTACH -> {
            }
        }
        // a new handshake: a new client, even one that restarted on the same address and port
        boolean reconnected = c.address() != null;
        InetSocketAddress previous = c.address();
        ConnectionKeys keys = ConnectionKeys.derive(t.clientToServerKey(), t.serverToClientKey(), t.serverSalt(),
                resp.clientSalt());
        c.attach(from, keys, resp.challengeSequence(), resp.clientSalt(), now);
        table.bindAddress(c, previous);
        send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now);
        log.info("player {} ({}) {} from {} as #{}", c.playerName(), c.playerId(),
                reconnected ? "reconnected" : "connected", from, c.playerIndex());
        return Optional.of(new ServerEvent.PlayerConnected(c.playerIndex(), c.playerId(), c.playerName(), reconnected));
    }

    /** {@link #onSealed} for an INPUT, decoded into scratch and handed to the sink. */
    private void onInput(byte[] data, int offset, int length, InetSocketAddress from, long now) {
        Connection c = table.atAddress(from);
        if (c == null || !c.connected()) {
            stats.dropped++;
            return;
        }
        if (!c.withinRate(now, MAX_PACKETS_PER_PLAYER_SECOND)) {
            stats.dropped++; // checked before decrypting: a flood costs no AEAD work
            return;
        }
        int n = PacketCodec.openSealedInto(data, offset, length, c.clientToServerKey(), plain);
        if (n < 0 || !input.decode(plain, 0, n) || !c.replay().accept(PacketCodec.sealedSequence(data, offset))) {
            stats.dropped++;
            return;
        }
        c.received(now);
        inputSink.input(c.playerIndex(), input);
    }

    private Optional<ServerEvent> onSealed(byte[] data, int offset, int length, InetSocketAddress from, long now) {
        Optional<Connection> conn = table.byAddress(from).filter(Connection::connected);
        if (conn.isEmpty()) {
            stats.dropped++;
            return Optional.empty();
        }
        Connection c = conn.get();
        if (!c.withinRate(now, MAX_PACKETS_PER_PLAYER_SECOND)) {
            stats.dropped++; // checked before decrypting: a flood costs no AEAD work
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
            case InputPacket input -> Optional.of(new ServerEvent.InputReceived(c.playerIndex(), input));
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

    /** Timeouts and keep-alives; call once per tick. */
    public List<ServerEvent> update(long nowMillis) {
        List<ServerEvent> events = null; // made only for a timeout: this runs every tick of every match
        for (Connection c : table.slots()) {
            if (!c.connected()) {
                continue;
            }
            if (nowMillis - c.lastReceivedMillis() >= config.timeout().toMillis()) {
                table.unbind(c);
                if (events == null) {
                    events = new ArrayList<>();
                }
                log.info("player {} timed out after {} ms of silence", c.playerName(), config.timeout().toMillis());
                events.add(new ServerEvent.PlayerDisconnected(c.playerIndex(), c.playerName(),
                        Disconnect.Reason.TIMED_OUT));
            } else if (nowMillis - c.lastSentMillis() >= config.keepAliveInterval().toMillis()) {
                send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), nowMillis);
            }
        }
        return events == null ? List.of() : events;
    }

    /** Seals and sends a packet to a connected player; false when the player is not connected. */
    public boolean send(int playerIndex, Packet packet, long nowMillis) {
        Connection c = table.byIndex(playerIndex).orElse(null); // no lambda per snapshot sent
        if (c == null || !c.connected()) {
            return false;
        }
        send(c, packet, nowMillis);
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
        for (int i = 0; i < 3; i++) {
            send(conn, new Disconnect(reason), nowMillis);
        }
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
        if (index.isEmpty() || kicked.get(index.get())) {
            return Optional.empty();
        }
        kicked.set(index.get());
        log.info("player {} kicked by an operator", playerName);
        return disconnect(index.get(), Disconnect.Reason.KICKED, nowMillis);
    }

    /** Whether this player was kicked from the match. */
    public boolean isKicked(String playerName) {
        return table.indexOf(playerName).map(kicked::get).orElse(false);
    }

    /** Tells every connected player goodbye (3 copies, since DISCONNECT is not acknowledged) and forgets them. */
    public void disconnectAll(Disconnect.Reason reason, long nowMillis) {
        for (Connection c : table.slots()) {
            if (c.connected()) {
                for (int i = 0; i < 3; i++) {
                    send(c, new Disconnect(reason), nowMillis);
                }
                table.unbind(c);
            }
        }
    }

    private void send(Connection c, Packet packet, long now) {
        transmit(c.address(), PacketCodec.encodeSealed(packet, c.nextSendSequence(), c.serverToClientKey()));
        c.sent(now);
    }

    /** CHALLENGE and DENIED, sealed under the token's own server-to-client key. */
    private void sendSealed(InetSocketAddress to, Packet packet, byte[] tokenKey) {
        transmit(to, PacketCodec.encodeSealed(packet, handshakeSequence++, tokenKey));
    }

    private void transmit(InetSocketAddress to, byte[] datagram) {
        stats.bytesOut += datagram.length;
        stats.packetsOut++;
        stats.maxPacketBytes = Math.max(stats.maxPacketBytes, datagram.length);
        sink.send(to, datagram);
    }

    /** Addresses in the per-address handshake budget this second (tests: bounded and cleaned). */
    int trackedHandshakeAddresses() {
        return handshakes.trackedAddresses();
    }

}
