package dev.skirmish.gameserver.support;

import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SealedPacket;
import dev.skirmish.protocol.token.ConnectToken;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** Hand-driven handshake on a plain DatagramSocket, to send what a well-behaved GameClient never would. */
public final class RawClient implements AutoCloseable {
    public final DatagramSocket socket;
    public final ConnectToken token;
    private final InetSocketAddress server;
    private long sequence = 1;

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
        sendRaw(PacketCodec.encodePlain(new ConnectionRequest(token.bytes())));
    }

    public byte[] sealed(Packet p) {
        return PacketCodec.encodeSealed(p, sequence++, token.clientToServerKey());
    }

    /** The next packet from the server within ~300 ms, opened with the server-to-client key. */
    public Optional<Packet> receive() throws IOException {
        byte[] buf = new byte[1500];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(d);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return PacketCodec.decodeSealed(buf, 0, d.getLength(), token.serverToClientKey()).map(SealedPacket::packet);
    }

    /** Requests until a CHALLENGE comes back, and returns the response that would answer it. */
    public ChallengeResponse challenge() throws IOException {
        for (int i = 0; i < 20; i++) {
            requestConnection();
            Optional<Packet> p = receive();
            if (p.isPresent() && p.get() instanceof Challenge c) {
                return new ChallengeResponse(c.challengeSequence(), c.challengeToken());
            }
        }
        throw new AssertionError("no challenge");
    }

    @Override
    public void close() {
        socket.close();
    }
}
