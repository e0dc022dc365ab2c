package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.protocol.token.TokenCheck;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.BitSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handshake of a {@link ServerEndpoint}: who may join the match. A CONNECTION_REQUEST with a valid connect token
 * earns a CHALLENGE (state sealed under a key only this server knows); the CHALLENGE_RESPONSE from the same address
 * attaches the player to its slot. Also the refusals that outlive a connection: the match is over, a slot was kicked.
 */
final class Admission {
    // the endpoint's logger: the messages stay under the category operators already filter on
    private static final Logger log = LoggerFactory.getLogger(ServerEndpoint.class);

    private final ServerConfig config;
    private final ConnectionTable table;
    private final Outgoing out;
    private final ServerStats stats;
    private final byte[] challengeKey = new byte[32];
    /** Sequence for CHALLENGE and DENIED, the only packets sealed under a token's own server-to-client key. */
    private long handshakeSequence;
    private boolean acceptingPlayers = true;
    /** Slots an operator kicked: their tokens are denied KICKED for the rest of the match (bounded by the slots). */
    private final BitSet kicked = new BitSet();
    private final HandshakeBudget budget = new HandshakeBudget(ServerEndpoint.MAX_HANDSHAKES_PER_SECOND,
            ServerEndpoint.MAX_HANDSHAKES_PER_ADDRESS_SECOND, ServerEndpoint.MAX_HANDSHAKE_ADDRESSES);
    private final SecureRandom random = new SecureRandom();

    Admission(ServerConfig config, ConnectionTable table, Outgoing out, ServerStats stats) {
        this.config = config;
        this.table = table;
        this.out = out;
        this.stats = stats;
        random.nextBytes(challengeKey);
        // a random start in [0, 2^62) instead of the clock: a server restarted with the same session key (and a
        // clock that stepped back) still does not seal two CHALLENGEs under one token key with one nonce
        this.handshakeSequence = random.nextLong() >>> 2;
    }

    /** A CONNECTION_REQUEST or CHALLENGE_RESPONSE datagram. */
    Optional<ServerEvent> receive(byte[] data, int offset, int length, InetSocketAddress from, long now) {
        // length, protocol id and layout first: what can never be valid costs no budget, so a flood of it cannot
        // crowd out real handshakes
        Optional<Packet> p = PacketCodec.plausible(data, offset, length)
                ? PacketCodec.decodePlain(data, offset, length) : Optional.empty();
        if (p.isEmpty()) {
            stats.dropped++;
            return Optional.empty();
        }
        if (!budget.tryCharge(from.getAddress(), now)) {
            stats.dropped++;
            stats.throttled++;
            return Optional.empty();
        }
        return p.get() instanceof ConnectionRequest req
                ? onRequest(req, from, now)
                : onChallengeResponse((ChallengeResponse) p.get(), from, now);
    }

    void stopAcceptingPlayers() {
        acceptingPlayers = false;
    }

    /** Marks the slot kicked; false when it was already. */
    boolean kick(int playerIndex) {
        if (kicked.get(playerIndex)) {
            return false;
        }
        kicked.set(playerIndex);
        return true;
    }

    boolean isKicked(int playerIndex) {
        return kicked.get(playerIndex);
    }

    int trackedAddresses() {
        return budget.trackedAddresses();
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
            deny(from, Denied.Reason.MATCH_OVER, contents.serverToClientKey());
            return Optional.empty();
        }
        if (table.maxPlayers() == 0) {
            // a warm server whose allocation has not reached it yet: the orchestrator hands the tokens to the lobby
            // as it answers the server's poll, so a fast client can be here first. Silence, not a denial (which is
            // final): the client resends its request until its connect timeout.
            stats.dropped++;
            log.debug("connection request from {} before this server has its players: dropped", from);
            return Optional.empty();
        }
        Optional<Integer> index = table.indexOf(contents.playerName());
        if (index.isEmpty()) {
            log.info("player {} ({}) denied: name not in this match", contents.playerName(), contents.playerId());
            deny(from, Denied.Reason.NAME_NOT_ALLOWED, contents.serverToClientKey());
            return Optional.empty();
        }
        if (kicked.get(index.get())) {
            log.info("player {} ({}) denied: kicked from this match", contents.playerName(), contents.playerId());
            deny(from, Denied.Reason.KICKED, contents.serverToClientKey());
            return Optional.empty();
        }
        Optional<Connection> holder = table.byIndex(index.get()).filter(Connection::connected);
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
        sendUnderTokenKey(from, new Challenge(challengeSequence, serverSalt, token.seal(challengeKey,
                challengeSequence)), contents.serverToClientKey());
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
            deny(from, Denied.Reason.MATCH_OVER, t.serverToClientKey());
            return Optional.empty();
        }
        if (kicked.get(index.get())) {
            // a challenge issued before the kick: the kick still wins
            deny(from, Denied.Reason.KICKED, t.serverToClientKey());
            return Optional.empty();
        }
        Connection c = table.slotFor(index.get(), t.playerId(), t.playerName());
        if (!c.playerId().equals(t.playerId())) {
            deny(from, Denied.Reason.ALREADY_CONNECTED, t.serverToClientKey());
            return Optional.empty();
        }
        switch (c.admission(from, resp.challengeSequence(), resp.clientSalt())) {
            case REPEAT -> {
                out.send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now); // duplicate: confirm again
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
        out.send(c, new KeepAlive(c.playerIndex(), table.maxPlayers()), now);
        log.info("player {} ({}) {} from {} as #{}", c.playerName(), c.playerId(),
                reconnected ? "reconnected" : "connected", from, c.playerIndex());
        return Optional.of(new ServerEvent.PlayerConnected(c.playerIndex(), c.playerId(), c.playerName(), reconnected));
    }

    private void deny(InetSocketAddress to, Denied.Reason reason, byte[] tokenKey) {
        sendUnderTokenKey(to, new Denied(reason), tokenKey);
    }

    /** CHALLENGE and DENIED, sealed under the token's own server-to-client key. */
    private void sendUnderTokenKey(InetSocketAddress to, Packet packet, byte[] tokenKey) {
        out.transmit(to, PacketCodec.encodeSealed(packet, handshakeSequence++, tokenKey));
    }
}
