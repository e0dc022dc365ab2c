package dev.skirmish.gameserver.support;

import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SealedPacket;
import dev.skirmish.protocol.token.ConnectToken;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Optional;

/** Hand-driven handshake on a plain DatagramSocket, to send what a well-behaved GameClient never would. */
public final class RawClient implements AutoCloseable {
    public final DatagramSocket socket;
    public final ConnectToken token;
    private final InetSocketAddress server;
    private long sequence = 1;
    private ConnectionKeys keys;

    public RawClient(String base64Token) throws IOException {
        this.token = ConnectToken.parse(base64Token);
        this.server = new InetSocketAddress("127.0.0.1", token.server().getPort());
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(300);
    }

    public void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    public void requestConnection() throws IOException {
        sendRaw(PacketCodec.encodePlain(token.request()));
    }

    /** Sealed under this connection's keys (after {@link #challenge()}). */
    public byte[] sealed(Packet p) {
        return PacketCodec.encodeSealed(p, sequence++, keys.clientToServer());
    }

    /**
     * The next packet from the server within ~300 ms, opened with this connection's server-to-client key once a
     * challenge gave it, else (and for CHALLENGE, DENIED) with the token's.
     */
    public Optional<Packet> receive() throws IOException {
        byte[] buf = new byte[1500];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(d);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        if (keys != null) {
            Optional<Packet> p = PacketCodec.decodeSealed(buf, 0, d.getLength(), keys.serverToClient())
                    .map(SealedPacket::packet);
            if (p.isPresent()) {
                return p;
            }
        }
        return PacketCodec.decodeSealed(buf, 0, d.getLength(), token.serverToClientKey()).map(SealedPacket::packet);
    }

    /** Requests until a CHALLENGE comes back, and returns the response that would answer it. */
    public ChallengeResponse challenge() throws IOException {
        for (int i = 0; i < 20; i++) {
            requestConnection();
            Optional<Packet> p = receive();
            if (p.isPresent() && p.get() instanceof Challenge c) {
                byte[] clientSalt = new byte[Protocol.SALT_BYTES];
                new SecureRandom().nextBytes(clientSalt);
                keys = ConnectionKeys.derive(token.clientToServerKey(), token.serverToClientKey(), c.serverSalt(),
                        clientSalt);
                return new ChallengeResponse(c.challengeSequence(), clientSalt, c.challengeToken());
            }
        }
        throw new AssertionError("no challenge");
    }

    @Override
    public void close() {
        socket.close();
    }
}
