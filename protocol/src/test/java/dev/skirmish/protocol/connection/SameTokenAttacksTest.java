package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.PacketType;
import dev.skirmish.protocol.packet.SealedPacket;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attacks that reuse one player's token or handshake, on the sans-I/O endpoints with a hand-moved clock (the same
 * attacks over real UDP sockets: the game-server's CapturedRequestReplayTest and ReconnectTest).
 */
class SameTokenAttacksTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7003);
    static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 50001);
    static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.2", 50002);
    static final InetSocketAddress MALLORY = new InetSocketAddress("127.0.0.66", 50666);

    final byte[] sessionKey = ConnectTokens.newSessionKey();
    long now = 1_800_000_000_000L;
    final LoopbackNet serverNet = new LoopbackNet();
    final LoopbackNet clientNet = new LoopbackNet();
    final ServerEndpoint server = new ServerEndpoint(new ServerConfig("s-1", sessionKey, List.of("alice", "bob")),
            serverNet, now);
    final ConnectToken alice = ConnectToken.parse(ConnectTokens.issue(sessionKey, "s-1", "id-alice", "alice", SERVER,
            Instant.ofEpochMilli(now).plusSeconds(3600)));
    final List<ServerEvent> serverEvents = new ArrayList<>();
    /** Every datagram the client sent, as an eavesdropper would have captured it. */
    final List<byte[]> captured = new ArrayList<>();

    /** Moves datagrams both ways; the client runs on its own clock (which may differ from the server's). */
    void pump(ClientEndpoint client, InetSocketAddress from, long clientClock) {
        for (int round = 0; round < 10; round++) {
            client.update(clientClock);
            List<LoopbackNet.Sent> up = clientNet.drain();
            for (LoopbackNet.Sent s : up) {
                captured.add(s.datagram());
                server.receive(s.datagram(), from, now).ifPresent(serverEvents::add);
            }
            List<LoopbackNet.Sent> down = serverNet.drain();
            for (LoopbackNet.Sent s : down) {
                if (s.to().equals(from)) {
                    client.receive(s.datagram(), SERVER, clientClock);
                }
            }
            if (up.isEmpty() && down.isEmpty()) {
                return;
            }
        }
    }

    byte[] firstOf(PacketType type) {
        return captured.stream().filter(d -> d[0] == type.code()).findFirst().orElseThrow();
    }

    static InputPacket input(int sequence) {
        return new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(sequence, InputFrame.RIGHT)));
    }

    @Test
    void aCapturedRequestReplayedFromAnotherAddressWhileThePlayerIsConnectedGetsNoChallengeAndNoSlot() {
        ClientEndpoint client = new ClientEndpoint(alice, SERVER, clientNet, now);
        pump(client, FIRST, now);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        byte[] request = firstOf(PacketType.CONNECTION_REQUEST);
        for (InetSocketAddress attacker : List.of(MALLORY, new InetSocketAddress("127.0.0.1", 50999))) {
            assertThat(server.receive(request, attacker, now)).isEmpty();
        }
        assertThat(serverNet.drain()).as("no CHALLENGE for the replayed request").isEmpty();
        // and the player keeps playing
        client.send(input(1), now);
        assertThat(server.receive(clientNet.drain().getFirst().datagram(), FIRST, now))
                .contains(new ServerEvent.InputReceived(0, input(1)));
    }

    @Test
    void reconnectingWithTheSameTokenFromANewAddressAfterATimeoutUsesNewKeysEvenWhenTheClockSteppedBack() {
        ClientEndpoint first = new ClientEndpoint(alice, SERVER, clientNet, now);
        pump(first, FIRST, now);
        first.send(input(1), now);
        byte[] oldInput = clientNet.drain().getFirst().datagram();
        assertThat(server.receive(oldInput, FIRST, now)).isPresent();
        ConnectionKeys oldKeys = first.connectionKeys();

        now += 10_000; // silence: the server times the player out
        assertThat(server.update(now)).containsExactly(
                new ServerEvent.PlayerDisconnected(0, "alice", Disconnect.Reason.TIMED_OUT));
        serverEvents.clear();
        long steppedBackClock = now - 3_600_000; // the client's clock went back an hour meanwhile
        ClientEndpoint second = new ClientEndpoint(alice, SERVER, clientNet, steppedBackClock);
        pump(second, SECOND, steppedBackClock);
        assertThat(second.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(serverEvents).containsExactly(new ServerEvent.PlayerConnected(0, "id-alice", "alice", true));

        ConnectionKeys newKeys = second.connectionKeys();
        assertThat(newKeys.clientToServer()).isNotEqualTo(oldKeys.clientToServer());
        assertThat(newKeys.serverToClient()).isNotEqualTo(oldKeys.serverToClient());
        second.send(input(1), steppedBackClock);
        byte[] newInput = clientNet.drain().getFirst().datagram();
        SealedPacket opened = PacketCodec.decodeSealed(newInput, newKeys.clientToServer()).orElseThrow();
        SealedPacket old = PacketCodec.decodeSealed(oldInput, oldKeys.clientToServer()).orElseThrow();
        assertThat(opened.sequence()).as("both count from 0 ...").isEqualTo(old.sequence());
        assertThat(PacketCodec.decodeSealed(oldInput, newKeys.clientToServer())).as("... under different keys").isEmpty();
        assertThat(server.receive(newInput, SECOND, now)).contains(new ServerEvent.InputReceived(0, input(1)));
        // the old connection's packets, replayed from the new address, do not open under the new keys
        assertThat(server.receive(oldInput, SECOND, now)).isEmpty();
    }

    @Test
    void aReplayedChallengeResponseAfterADisconnectDoesNotBringBackTheOldKeys() {
        ClientEndpoint client = new ClientEndpoint(alice, SERVER, clientNet, now);
        pump(client, FIRST, now);
        byte[] response = firstOf(PacketType.CHALLENGE_RESPONSE);
        client.disconnect(now);
        pump(client, FIRST, now);
        assertThat(server.connections().connectedCount()).isZero();
        serverEvents.clear();
        // within the challenge's 10 s, from the very address it was issued to (a spoofed source would do)
        assertThat(server.receive(response, FIRST, now + 1000)).isEmpty();
        assertThat(server.connections().connectedCount()).as("the handshake attaches only once").isZero();
        assertThat(serverNet.drain()).as("nothing sealed again under the old keys from sequence 0").isEmpty();
    }

    @Test
    void oneAddressFloodingWellFormedRequestsCannotUseUpTheHandshakeBudget() {
        ClientEndpoint client = new ClientEndpoint(alice, SERVER, clientNet, now);
        client.update(now);
        byte[] request = clientNet.drain().getFirst().datagram();
        for (int i = 0; i < ServerEndpoint.MAX_HANDSHAKES_PER_SECOND + 100; i++) {
            server.receive(request, new InetSocketAddress("127.0.0.66", 40000 + i), now); // one IP, many ports
        }
        assertThat(serverNet.drain()).hasSize(ServerEndpoint.MAX_HANDSHAKES_PER_ADDRESS_SECOND);
        assertThat(server.stats().throttled())
                .isEqualTo(ServerEndpoint.MAX_HANDSHAKES_PER_SECOND + 100 - ServerEndpoint.MAX_HANDSHAKES_PER_ADDRESS_SECOND);
        now += ClientEndpoint.HANDSHAKE_RESEND_MILLIS; // the real player resends, in the same second
        pump(client, FIRST, now);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
    }

    @Test
    void garbageAndWrongProtocolHandshakesCostNoBudget() {
        byte[] wrongProtocol = PacketCodec.encodePlain(alice.request());
        wrongProtocol[8] = '1'; // SKIRMSH1
        List<byte[]> garbage = List.of(new byte[] {1}, new byte[] {3}, new byte[1199], wrongProtocol,
                new byte[] {3, 0, 0, 0, 0, 0, 0, 0, 1});
        garbage.get(2)[0] = 1;
        for (int i = 0; i < 10 * ServerEndpoint.MAX_HANDSHAKES_PER_SECOND; i++) {
            server.receive(garbage.get(i % garbage.size()), new InetSocketAddress("127.0." + (i >> 8 & 0xFF) + "."
                    + (i & 0xFF), 40000), now);
        }
        assertThat(server.stats().throttled()).isZero();
        assertThat(server.trackedHandshakeAddresses()).as("garbage is not even tracked").isZero();
        ClientEndpoint client = new ClientEndpoint(alice, SERVER, clientNet, now);
        pump(client, FIRST, now);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
    }

    @Test
    void thePerAddressTableIsBoundedAndEmptiedEverySecond() {
        byte[] request = PacketCodec.encodePlain(alice.request());
        int addresses = ServerEndpoint.MAX_HANDSHAKE_ADDRESSES + 500;
        for (int i = 0; i < addresses; i++) {
            server.receive(request, new InetSocketAddress("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "."
                    + (i & 0xFF), 40000), now);
        }
        assertThat(server.trackedHandshakeAddresses()).isLessThanOrEqualTo(ServerEndpoint.MAX_HANDSHAKE_ADDRESSES);
        now += 1000;
        ClientEndpoint client = new ClientEndpoint(alice, SERVER, clientNet, now);
        pump(client, FIRST, now);
        assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(server.trackedHandshakeAddresses()).as("the next second starts empty").isEqualTo(1);
    }
}
