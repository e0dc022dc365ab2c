package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.EventsPacket;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.ReplayWindow;
import dev.skirmish.protocol.packet.SealedPacket;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.token.ConnectToken;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client side of the connection protocol, without sockets. {@link #update} sends what the state needs
 * (request, challenge response or keep-alive, every {@link #HANDSHAKE_RESEND_MILLIS} during the handshake);
 * {@link #receive} takes server datagrams. Not thread-safe. Times are Unix epoch milliseconds.
 */
public final class ClientEndpoint {
    public static final long HANDSHAKE_RESEND_MILLIS = 100;
    private static final long KEEP_ALIVE_MILLIS = 250;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConnectToken token;
    private final InetSocketAddress server;
    private final DatagramSink sink;
    private final long timeoutMillis;
    /** Replay window of CHALLENGE and DENIED, sealed under the token's server-to-client key. */
    private final ReplayWindow handshakeReplay = new ReplayWindow();
    /** Replay window of everything sealed under this connection's keys. */
    private final ReplayWindow replay = new ReplayWindow();
    /** This attempt's half of the connection keys; a new endpoint (a reconnect) draws a new one. */
    private final byte[] clientSalt = new byte[Protocol.SALT_BYTES];
    private ConnectionKeys keys;
    private final EventInbox events = new EventInbox();
    private ClientState state = ClientState.SENDING_REQUEST;
    private ChallengeResponse challengeResponse;
    private long nextSequence;
    private long lastSentMillis = Long.MIN_VALUE / 2;
    private long lastReceivedMillis;
    private long stateSinceMillis;
    private int playerIndex = -1;
    private int maxPlayers;
    private Object finalReason;

    /** {@code server}: the token's server address, resolved (or another route to the same server). */
    public ClientEndpoint(ConnectToken token, InetSocketAddress server, DatagramSink sink, long nowMillis) {
        this.token = token;
        this.server = server;
        this.sink = sink;
        this.timeoutMillis = token.timeoutSeconds() * 1000L;
        this.lastReceivedMillis = nowMillis;
        this.stateSinceMillis = nowMillis;
        // the keys of this connection are new (they depend on clientSalt), so sequences can start at 0 whatever
        // the clock says: a reconnect with the same token never reuses a (key, nonce)
        RANDOM.nextBytes(clientSalt);
    }

    public ClientState state() {
        return state;
    }

    public int playerIndex() {
        return playerIndex;
    }

    public int maxPlayers() {
        return maxPlayers;
    }

    /** Denied.Reason or Disconnect.Reason once in a final state because of the server, else null. */
    public Object finalReason() {
        return finalReason;
    }

    /** Highest gap-free reliable event sequence received: the event ack to send in INPUT packets. */
    public long eventAck() {
        return events.ack();
    }

    public void update(long now) {
        switch (state) {
            case SENDING_REQUEST, SENDING_RESPONSE -> {
                if (now / 1000 >= token.expiresAt().getEpochSecond()) {
                    state = ClientState.TOKEN_EXPIRED;
                } else if (now - stateSinceMillis >= timeoutMillis) {
                    state = ClientState.TIMED_OUT;
                } else if (now - lastSentMillis >= HANDSHAKE_RESEND_MILLIS) {
                    byte[] datagram = state == ClientState.SENDING_REQUEST
                            ? PacketCodec.encodePlain(token.request()) // never the token itself: it holds the keys
                            : PacketCodec.encodePlain(challengeResponse);
                    sink.send(server, datagram);
                    lastSentMillis = now;
                }
            }
            case CONNECTED -> {
                if (now - lastReceivedMillis >= timeoutMillis) {
                    state = ClientState.TIMED_OUT;
                    finalReason = Disconnect.Reason.TIMED_OUT;
                } else if (now - lastSentMillis >= KEEP_ALIVE_MILLIS) {
                    send(new KeepAlive(playerIndex, maxPlayers), now);
                }
            }
            default -> {
            }
        }
    }

    /** Handles one datagram from the network; anything not from the server or not authentic is ignored. */
    public List<ClientEvent> receive(byte[] data, int offset, int length, InetSocketAddress from, long now) {
        if (!server.equals(from) || state.isFinal()) {
            return List.of();
        }
        Optional<Packet> opened = open(data, offset, length);
        if (opened.isEmpty()) {
            return List.of();
        }
        lastReceivedMillis = now;
        Packet packet = opened.get();
        List<ClientEvent> out = new ArrayList<>(2);
        switch (packet) {
            case Challenge c when state == ClientState.SENDING_REQUEST -> {
                keys = ConnectionKeys.derive(token.clientToServerKey(), token.serverToClientKey(), c.serverSalt(),
                        clientSalt);
                challengeResponse = new ChallengeResponse(c.challengeSequence(), clientSalt, c.challengeToken());
                moveTo(ClientState.SENDING_RESPONSE, now);
                lastSentMillis = Long.MIN_VALUE / 2; // answer right away
                update(now);
            }
            case Denied d when state != ClientState.CONNECTED -> {
                moveTo(ClientState.DENIED, now);
                finalReason = d.reason();
                out.add(new ClientEvent.Refused(d.reason()));
            }
            case KeepAlive k -> {
                if (state != ClientState.CONNECTED) {
                    connected(k.playerIndex(), k.maxPlayers(), now, out);
                } else {
                    playerIndex = k.playerIndex();
                    maxPlayers = k.maxPlayers();
                }
            }
            case SnapshotPacket s -> {
                // before the confirming KEEP_ALIVE we do not know our index yet: the server answers our
                // repeated CHALLENGE_RESPONSE with another KEEP_ALIVE, so snapshots can wait
                if (state == ClientState.CONNECTED) {
                    deliver(s.events(), out);
                    out.add(new ClientEvent.SnapshotReceived(s));
                }
            }
            case EventsPacket e when state == ClientState.CONNECTED -> deliver(e.events(), out);
            case Disconnect d -> {
                moveTo(ClientState.DISCONNECTED, now);
                finalReason = d.reason();
                out.add(new ClientEvent.Disconnected(d.reason()));
            }
            default -> {
            }
        }
        return out;
    }

    /**
     * Opens a server datagram: under this connection's keys once a CHALLENGE gave them, else (handshake replies
     * only: CHALLENGE, DENIED) under the token's server-to-client key. Each key has its own replay window.
     */
    private Optional<Packet> open(byte[] data, int offset, int length) {
        if (keys != null) {
            Optional<SealedPacket> sealed = PacketCodec.decodeSealed(data, offset, length, keys.serverToClient());
            if (sealed.isPresent()) {
                return replay.accept(sealed.get().sequence()) ? Optional.of(sealed.get().packet()) : Optional.empty();
            }
        }
        if (state == ClientState.CONNECTED) {
            return Optional.empty();
        }
        Optional<SealedPacket> sealed = PacketCodec.decodeSealed(data, offset, length, token.serverToClientKey());
        if (sealed.isEmpty() || !(sealed.get().packet() instanceof Challenge || sealed.get().packet() instanceof Denied)
                || !handshakeReplay.accept(sealed.get().sequence())) {
            return Optional.empty();
        }
        return Optional.of(sealed.get().packet());
    }

    /** This connection's keys once a CHALLENGE arrived, else null (tests: keys differ per connection). */
    public ConnectionKeys connectionKeys() {
        return keys;
    }

    public List<ClientEvent> receive(byte[] datagram, InetSocketAddress from, long now) {
        return receive(datagram, 0, datagram.length, from, now);
    }

    private void connected(int index, int max, long now, List<ClientEvent> out) {
        playerIndex = index;
        maxPlayers = max;
        moveTo(ClientState.CONNECTED, now);
        out.add(new ClientEvent.Connected(index, max));
    }

    private void deliver(List<NetEvent> incoming, List<ClientEvent> out) {
        List<NetEvent> ready = events.accept(incoming);
        if (!ready.isEmpty()) {
            out.add(new ClientEvent.EventsReceived(ready));
        }
    }

    private void moveTo(ClientState next, long now) {
        state = next;
        stateSinceMillis = now;
    }

    /** Seals and sends a packet (INPUT, KEEP_ALIVE, DISCONNECT) once connected; false otherwise. */
    public boolean send(Packet packet, long now) {
        if (state != ClientState.CONNECTED) {
            return false;
        }
        sink.send(server, PacketCodec.encodeSealed(packet, nextSequence++, keys.clientToServer()));
        lastSentMillis = now;
        return true;
    }

    /** Says goodbye three times (DISCONNECT is not acknowledged) and stops. */
    public void disconnect(long now) {
        for (int i = 0; i < 3; i++) {
            send(new Disconnect(Disconnect.Reason.CLIENT_QUIT), now);
        }
        if (!state.isFinal()) {
            moveTo(ClientState.DISCONNECTED, now);
            finalReason = Disconnect.Reason.CLIENT_QUIT;
        }
    }
}
