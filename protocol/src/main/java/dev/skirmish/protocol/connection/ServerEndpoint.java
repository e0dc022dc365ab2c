package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputPacket;
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
 * it is compared with token expiry times and seeds the packet sequence counter.
 */
public final class ServerEndpoint {
    private static final Logger log = LoggerFactory.getLogger(ServerEndpoint.class);
    /** Connection requests and challenge responses cost an AEAD open each; beyond this per second they are dropped. */
    public static final int MAX_HANDSHAKES_PER_SECOND = 512;
    /** Sealed packets accepted per connected player and second (60 inputs + keep-alives leave ample room). */
    public static final int MAX_PACKETS_PER_PLAYER_SECOND = 240;

    private final ServerConfig config;
    private final DatagramSink sink;
    private final ConnectionTable table;
    private final byte[] challengeKey = new byte[32];
    private long nextSequence;
    private boolean acceptingPlayers = true;
    private long handshakeWindowStart = Long.MIN_VALUE / 4; // far past, without overflow in now - start
    private int handshakesInWindow;
    private final ServerStats stats = new ServerStats();

    public ServerEndpoint(ServerConfig config, DatagramSink sink, long nowMillis) {
        this.config = config;
        this.sink = sink;
        this.table = new ConnectionTable(config.allowedPlayerNames());
        new SecureRandom().nextBytes(challengeKey);
        // one counter for everything this process seals; starting from the clock keeps sequences (= nonces)
        // unique per key even if a server restarts with the same session key and tokens
        this.nextSequence = nowMillis << 16;
    }

    public ConnectionTable connections() {
        return table;
    }

    public ServerStats stats() {
        return stats;
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
        Optional<PacketType> type = PacketCodec.peekType(data, offset, length);
        if (type.isEmpty()) {
            stats.dropped++;
            return Optional.empty();
        }
        return switch (type.get()) {
            case CONNECTION_REQUEST, CHALLENGE_RESPONSE -> {
                if (!handshakeBudget(nowMillis)) {
                    stats.dropped++;
                    yield Optional.empty();
                }
                Optional<Packet> p = PacketCodec.decodePlain(data, offset, length);
                if (p.isEmpty()) {
                    stats.dropped++;
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

    private boolean handshakeBudget(long now) {
        if (now - handshakeWindowStart >= 1000 || now < handshakeWindowStart) {
            handshakeWindowStart = now;
            handshakesInWindow = 0;
        }
        return ++handshakesInWindow <= MAX_HANDSHAKES_PER_SECOND;
    }

    private Optional<ServerEvent> onRequest(ConnectionRequest req, InetSocketAddress from, long now) {
        TokenCheck check = ConnectTokens.check(config.sessionKey(), req.token(), config.sessionId(),
                Instant.ofEpochMilli(now));
        if (!(check instanceof TokenCheck.Valid valid)) {
            stats.dropped++;
            log.debug("connection request from {} refused: {}", from, ((TokenCheck.Invalid) check).reason());
            return Optional.empty();
        }
        var contents = valid.contents();
        // a request from an address that is already connected is answered too: it may be a client restarted on
        // the same port, and a connected client simply ignores a late CHALLENGE
        if (!acceptingPlayers) {
            sendSealed(from, new Denied(Denied.Reason.MATCH_OVER), contents.serverToClientKey());
            return Optional.empty();
        }
        if (table.indexOf(contents.playerName()).isEmpty()) {
            log.info("player {} ({}) denied: name not in this match", contents.playerName(), contents.playerId());
            sendSealed(from, new Denied(Denied.Reason.NAME_NOT_ALLOWED), contents.serverToClientKey());
            return Optional.empty();
        }
        long challengeSequence = nextSequence++;
        ChallengeToken token = new ChallengeToken(from, now, contents.expiresAt().getEpochSecond(),
                contents.playerId(), contents.playerName(), contents.clientToServerKey(), contents.serverToClientKey());
        sendSealed(from, new Challenge(challengeSequence, token.seal(challengeKey, challengeSequence)),
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
        Connection c = table.slotFor(index.get(), t.playerId(), t.playerName());
        if (!c.playerId().equals(t.playerId())) {
            sendSealed(from, new Denied(Denied.Reason.ALREADY_CONNECTED), t.serverToClientKey());
            return Optional.empty();
        }
        if (c.connected() && from.equals(c.address()) && c.challengeSequence() == resp.challengeSequence()) {
            send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now); // duplicate response: confirm again
            return Optional.empty();
        }
        // otherwise a new handshake: a new client, even one that restarted on the same address and port
        boolean reconnected = c.address() != null;
        InetSocketAddress previous = c.address();
        c.attach(from, t.clientToServerKey(), t.serverToClientKey(), now);
        c.challengeSequence(resp.challengeSequence());
        table.bindAddress(c, previous);
        send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now);
        log.info("player {} ({}) {} from {} as #{}", c.playerName(), c.playerId(),
                reconnected ? "reconnected" : "connected", from, c.playerIndex());
        return Optional.of(new ServerEvent.PlayerConnected(c.playerIndex(), c.playerId(), c.playerName(), reconnected));
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
        List<ServerEvent> events = new ArrayList<>();
        for (Connection c : table.slots()) {
            if (!c.connected()) {
                continue;
            }
            if (nowMillis - c.lastReceivedMillis() >= config.timeout().toMillis()) {
                table.unbind(c);
                log.info("player {} timed out after {} ms of silence", c.playerName(), config.timeout().toMillis());
                events.add(new ServerEvent.PlayerDisconnected(c.playerIndex(), c.playerName(),
                        Disconnect.Reason.TIMED_OUT));
            } else if (nowMillis - c.lastSentMillis() >= config.keepAliveInterval().toMillis()) {
                send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), nowMillis);
            }
        }
        return events;
    }

    /** Seals and sends a packet to a connected player; false when the player is not connected. */
    public boolean send(int playerIndex, Packet packet, long nowMillis) {
        Optional<Connection> c = table.byIndex(playerIndex).filter(Connection::connected);
        c.ifPresent(conn -> send(conn, packet, nowMillis));
        return c.isPresent();
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
        sendSealed(c.address(), packet, c.serverToClientKey());
        c.sent(now);
    }

    private void sendSealed(InetSocketAddress to, Packet packet, byte[] key) {
        byte[] datagram = PacketCodec.encodeSealed(packet, nextSequence++, key);
        stats.bytesOut += datagram.length;
        stats.packetsOut++;
        stats.maxPacketBytes = Math.max(stats.maxPacketBytes, datagram.length);
        sink.send(to, datagram);
    }

    /** Sequence the next sealed packet will use (exposed for tests of nonce uniqueness). */
    long nextSequence() {
        return nextSequence;
    }

}
