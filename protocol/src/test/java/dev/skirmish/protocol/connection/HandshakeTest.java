package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.PacketType;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7003);
    static final InetSocketAddress ALICE_ADDR = new InetSocketAddress("127.0.0.1", 50001);
    static final InetSocketAddress MALLORY_ADDR = new InetSocketAddress("127.0.0.1", 50666);

    final byte[] sessionKey = ConnectTokens.newSessionKey();
    long now = 1_800_000_000_000L;
    final LoopbackNet serverNet = new LoopbackNet();
    final LoopbackNet clientNet = new LoopbackNet();
    final ServerEndpoint server = new ServerEndpoint(
            new ServerConfig("s-1", sessionKey, List.of("alice", "bob")), serverNet, now);
    final List<ServerEvent> serverEvents = new ArrayList<>();
    final List<ClientEvent> clientEvents = new ArrayList<>();

    ConnectToken token(String session, String name, long validSeconds) {
        return ConnectToken.parse(ConnectTokens.issue(sessionKey, session, "id-" + name, name, SERVER,
                Instant.ofEpochMilli(now).plusSeconds(validSeconds)));
    }

    ClientEndpoint client(ConnectToken token) {
        return new ClientEndpoint(token, SERVER, clientNet, now);
    }

    /** Moves datagrams both ways until nothing is in flight; the client is at {@code from}. */
    void pump(ClientEndpoint client, InetSocketAddress from) {
        for (int round = 0; round < 10; round++) {
            client.update(now);
            List<LoopbackNet.Sent> up = clientNet.drain();
            for (LoopbackNet.Sent s : up) {
                server.receive(s.datagram(), from, now).ifPresent(serverEvents::add);
            }
            List<LoopbackNet.Sent> down = serverNet.drain();
            for (LoopbackNet.Sent s : down) {
                if (s.to().equals(from)) {
                    clientEvents.addAll(client.receive(s.datagram(), SERVER, now));
                }
            }
            if (up.isEmpty() && down.isEmpty()) {
                return;
            }
        }
    }

    @Test
    void validTokenConnectsThroughChallenge() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        pump(alice, ALICE_ADDR);
        assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(alice.playerIndex()).isZero();
        assertThat(alice.maxPlayers()).isEqualTo(2);
        assertThat(serverEvents).containsExactly(new ServerEvent.PlayerConnected(0, "id-alice", "alice", false));
        assertThat(clientEvents).containsExactly(new ClientEvent.Connected(0, 2));
        assertThat(server.connections().connectedCount()).isEqualTo(1);
    }

    @Test
    void foreignSessionExpiredAndWrongKeyTokensGetNoReplyAtAll() {
        for (ConnectToken bad : List.of(token("s-2", "alice", 60), token("s-1", "alice", 0),
                ConnectToken.parse(ConnectTokens.issue(ConnectTokens.newSessionKey(), "s-1", "x", "alice", SERVER,
                        Instant.ofEpochMilli(now).plusSeconds(60))))) {
            ClientEndpoint c = new ClientEndpoint(bad, SERVER, clientNet, now - 1);
            c.update(now - 1);
            for (LoopbackNet.Sent s : clientNet.drain()) {
                assertThat(server.receive(s.datagram(), ALICE_ADDR, now)).isEmpty();
            }
            assertThat(serverNet.sent).as("reply to %s", bad).isEmpty();
        }
        assertThat(server.stats().dropped()).isEqualTo(3);
    }

    @Test
    void validTokenWithANameOutsideTheMatchIsDenied() {
        ClientEndpoint carol = client(token("s-1", "carol", 60));
        pump(carol, ALICE_ADDR);
        assertThat(carol.state()).isEqualTo(ClientState.DENIED);
        assertThat(clientEvents).containsExactly(new ClientEvent.Refused(Denied.Reason.NAME_NOT_ALLOWED));
        assertThat(serverEvents).isEmpty();
    }

    @Test
    void aWarmServerWaitingForItsPlayersStaysSilentAndAdmitsTheClientOnceAllocated() {
        // the race: the lobby hands out tokens as the orchestrator answers a warm server's allocation poll, and a
        // fast client's request can arrive before the server knows its players. A denial there would be final.
        ServerEndpoint warm = new ServerEndpoint(new ServerConfig("s-1", sessionKey, List.of()), serverNet, now);
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        alice.update(now);
        for (LoopbackNet.Sent s : clientNet.drain()) {
            warm.receive(s.datagram(), ALICE_ADDR, now);
        }
        assertThat(serverNet.drain()).as("no CHALLENGE and no DENIED before the allocation").isEmpty();
        assertThat(alice.state()).isEqualTo(ClientState.SENDING_REQUEST);

        warm.allowPlayers(List.of("alice", "bob"));
        for (int round = 0; round < 10 && alice.state() != ClientState.CONNECTED; round++) {
            now += 200; // the client resends its request on its own schedule
            alice.update(now);
            for (LoopbackNet.Sent s : clientNet.drain()) {
                warm.receive(s.datagram(), ALICE_ADDR, now).ifPresent(serverEvents::add);
            }
            for (LoopbackNet.Sent s : serverNet.drain()) {
                clientEvents.addAll(alice.receive(s.datagram(), SERVER, now));
            }
        }
        assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(clientEvents).containsExactly(new ClientEvent.Connected(0, 2));
    }

    @Test
    void challengeResponseFromAnotherAddressIsRefused() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        alice.update(now);
        server.receive(clientNet.drain().getFirst().datagram(), ALICE_ADDR, now);
        byte[] challenge = serverNet.drain().getFirst().datagram();
        alice.receive(challenge, SERVER, now);
        assertThat(alice.state()).isEqualTo(ClientState.SENDING_RESPONSE);
        byte[] response = clientNet.drain().getFirst().datagram();
        assertThat(response[0]).isEqualTo((byte) PacketType.CHALLENGE_RESPONSE.code());

        // an attacker who saw the response replays it from its own address
        assertThat(server.receive(response, MALLORY_ADDR, now)).isEmpty();
        assertThat(serverNet.sent).isEmpty();
        assertThat(server.connections().connectedCount()).isZero();
        // the real client at the real address still gets in
        assertThat(server.receive(response, ALICE_ADDR, now)).containsInstanceOf(ServerEvent.PlayerConnected.class);
    }

    @Test
    void staleChallengeResponsesAreRefused() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        alice.update(now);
        server.receive(clientNet.drain().getFirst().datagram(), ALICE_ADDR, now);
        alice.receive(serverNet.drain().getFirst().datagram(), SERVER, now);
        byte[] response = clientNet.drain().getFirst().datagram();
        assertThat(server.receive(response, ALICE_ADDR, now + 10_001)).isEmpty();
        assertThat(serverNet.sent).isEmpty();
    }

    @Test
    void noPreConnectionReplyIsLargerThanItsRequest() {
        for (String name : List.of("alice", "carol")) {
            ClientEndpoint c = client(token("s-1", name, 60));
            c.update(now);
            byte[] request = clientNet.drain().getFirst().datagram();
            assertThat(request).hasSize(Protocol.MAX_PACKET_BYTES);
            server.receive(request, ALICE_ADDR, now);
            for (LoopbackNet.Sent reply : serverNet.drain()) {
                assertThat(reply.datagram().length).isLessThan(request.length);
                List<ClientEvent> events = c.receive(reply.datagram(), SERVER, now);
                if (events.isEmpty()) { // a challenge: its response gets a keep-alive, also smaller
                    byte[] response = clientNet.drain().getFirst().datagram();
                    server.receive(response, ALICE_ADDR, now);
                    for (LoopbackNet.Sent confirm : serverNet.drain()) {
                        assertThat(confirm.datagram().length).isLessThan(response.length);
                    }
                }
            }
        }
    }

    @Test
    void replayedAndForgedPacketsAreDropped() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        pump(alice, ALICE_ADDR);
        serverEvents.clear();
        InputPacket input = new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(1, 0)));
        alice.send(input, now);
        byte[] datagram = clientNet.drain().getFirst().datagram();
        assertThat(server.receive(datagram, ALICE_ADDR, now)).contains(new ServerEvent.InputReceived(0, input));
        assertThat(server.receive(datagram, ALICE_ADDR, now)).as("replay").isEmpty();
        assertThat(server.receive(datagram, MALLORY_ADDR, now)).as("other address").isEmpty();
        byte[] forged = datagram.clone();
        forged[forged.length - 1] ^= 1;
        forged[8] ^= 1; // new sequence too, so only the tag can catch it
        assertThat(server.receive(forged, ALICE_ADDR, now)).isEmpty();
        assertThat(server.receive(new byte[0], ALICE_ADDR, now)).isEmpty();
        assertThat(server.receive(new byte[] {(byte) 0xFF, 1, 2}, ALICE_ADDR, now)).isEmpty();
    }

    @Test
    void silenceForTenSecondsDisconnectsAndKeepAlivesKeepTheConnection() {
        ClientEndpoint alice = client(token("s-1", "alice", 600));
        pump(alice, ALICE_ADDR);
        for (int i = 0; i < 100; i++) { // 25 s of keep-alives every 250 ms
            now += 250;
            pump(alice, ALICE_ADDR);
            assertThat(server.update(now)).isEmpty();
        }
        assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);
        long lastHeard = now;
        now = lastHeard + 9_999;
        assertThat(server.update(now)).isEmpty();
        now = lastHeard + 10_000;
        assertThat(server.update(now)).containsExactly(
                new ServerEvent.PlayerDisconnected(0, "alice", Disconnect.Reason.TIMED_OUT));
        alice.update(now);
        assertThat(alice.state()).isEqualTo(ClientState.TIMED_OUT);
    }

    @Test
    void reconnectingWithTheSameTokenGivesTheSamePlayerBack() {
        ConnectToken bobToken = token("s-1", "bob", 600);
        ClientEndpoint bob = client(bobToken);
        pump(bob, ALICE_ADDR);
        assertThat(bob.playerIndex()).isEqualTo(1);
        now += 10_000;
        server.update(now);
        serverEvents.clear();
        clientEvents.clear();
        // the game restarts from another port with the same token
        InetSocketAddress newPort = new InetSocketAddress("127.0.0.1", 50002);
        ClientEndpoint again = client(bobToken);
        pump(again, newPort);
        assertThat(again.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(again.playerIndex()).isEqualTo(1);
        assertThat(serverEvents).containsExactly(new ServerEvent.PlayerConnected(1, "id-bob", "bob", true));
        InputPacket input = new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(1, 0)));
        again.send(input, now);
        assertThat(server.receive(clientNet.drain().getFirst().datagram(), newPort, now))
                .contains(new ServerEvent.InputReceived(1, input));
    }

    @Test
    void disconnectAndShutdownAreDelivered() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        pump(alice, ALICE_ADDR);
        server.disconnectAll(Disconnect.Reason.MATCH_OVER, now);
        server.stopAcceptingPlayers();
        for (LoopbackNet.Sent s : serverNet.drain()) {
            clientEvents.addAll(alice.receive(s.datagram(), SERVER, now));
        }
        assertThat(alice.state()).isEqualTo(ClientState.DISCONNECTED);
        assertThat(clientEvents).contains(new ClientEvent.Disconnected(Disconnect.Reason.MATCH_OVER));
        // and coming back after the match is refused
        clientEvents.clear();
        ClientEndpoint late = client(token("s-1", "alice", 60));
        pump(late, ALICE_ADDR);
        assertThat(late.state()).isEqualTo(ClientState.DENIED);
        assertThat(late.finalReason()).isEqualTo(Denied.Reason.MATCH_OVER);
    }

    @Test
    void oneDisconnectedPlayerIsToldWhyAndMayComeBack() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        ClientEndpoint bob = client(token("s-1", "bob", 60));
        pump(alice, ALICE_ADDR);
        pump(bob, MALLORY_ADDR);
        serverEvents.clear();
        assertThat(server.disconnect(0, Disconnect.Reason.TOO_FAR_BEHIND, now))
                .contains(new ServerEvent.PlayerDisconnected(0, "alice", Disconnect.Reason.TOO_FAR_BEHIND));
        assertThat(server.disconnect(0, Disconnect.Reason.TOO_FAR_BEHIND, now)).isEmpty(); // only once
        List<LoopbackNet.Sent> sent = serverNet.drain();
        assertThat(sent).hasSize(3).allMatch(s -> s.to().equals(ALICE_ADDR));
        for (LoopbackNet.Sent s : sent) {
            clientEvents.addAll(alice.receive(s.datagram(), SERVER, now));
        }
        assertThat(alice.state()).isEqualTo(ClientState.DISCONNECTED);
        assertThat(alice.finalReason()).isEqualTo(Disconnect.Reason.TOO_FAR_BEHIND);
        assertThat(server.connections().connectedCount()).isEqualTo(1); // bob stays

        ClientEndpoint again = client(token("s-1", "alice", 60));
        pump(again, ALICE_ADDR);
        assertThat(again.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(again.playerIndex()).isEqualTo(0);
    }

    @Test
    void clientLeavingIsReportedOnce() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        pump(alice, ALICE_ADDR);
        serverEvents.clear();
        alice.disconnect(now);
        pump(alice, ALICE_ADDR);
        assertThat(serverEvents).containsExactly(
                new ServerEvent.PlayerDisconnected(0, "alice", Disconnect.Reason.CLIENT_QUIT));
    }

    @Test
    void handshakeFloodIsCappedPerSecond() {
        byte[] request = PacketCodec.encodePlain(token("s-1", "alice", 60).request());
        int replies = 0;
        for (int i = 0; i < ServerEndpoint.MAX_HANDSHAKES_PER_SECOND + 100; i++) {
            // from many source IPs (127.0.x.y), so that only the global budget applies
            server.receive(request, new InetSocketAddress("127.0." + (i >> 8) + "." + (i & 0xFF), 40000), now);
        }
        replies = serverNet.drain().size();
        assertThat(replies).isEqualTo(ServerEndpoint.MAX_HANDSHAKES_PER_SECOND);
        assertThat(Optional.of(server.stats().dropped())).contains(100L);
        now += 1000; // a new second, a new budget
        server.receive(request, new InetSocketAddress("127.0.0.1", 39999), now);
        assertThat(serverNet.drain()).hasSize(1);
    }

    @Test
    void clientGivesUpWhenTheServerNeverAnswers() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        for (int i = 0; i <= 100; i++) {
            alice.update(now);
            now += 100;
        }
        assertThat(clientNet.drain()).hasSizeGreaterThanOrEqualTo(99);
        assertThat(alice.state()).isEqualTo(ClientState.TIMED_OUT);
    }

    @Test
    void aLostConfirmationIsRepairedByTheRepeatedChallengeResponse() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        alice.update(now);
        server.receive(clientNet.drain().getFirst().datagram(), ALICE_ADDR, now);
        alice.receive(serverNet.drain().getFirst().datagram(), SERVER, now);
        server.receive(clientNet.drain().getFirst().datagram(), ALICE_ADDR, now).ifPresent(serverEvents::add);
        serverNet.drain(); // the confirming KEEP_ALIVE is lost
        server.send(0, new SnapshotPacket(1, SnapshotPacket.NO_TICK, 0, List.of(), new byte[] {0, 0, 0, 0, 0}), now);
        assertThat(alice.receive(serverNet.drain().getFirst().datagram(), SERVER, now)).isEmpty();
        assertThat(alice.state()).isEqualTo(ClientState.SENDING_RESPONSE);
        now += ClientEndpoint.HANDSHAKE_RESEND_MILLIS;
        pump(alice, ALICE_ADDR);
        assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(alice.playerIndex()).isZero();
        assertThat(serverEvents).as("the repeated response is not a second connection").hasSize(1);
    }

    @Test
    void aConnectedPlayerFloodingPacketsIsCappedPerSecond() {
        ClientEndpoint alice = client(token("s-1", "alice", 60));
        pump(alice, ALICE_ADDR);
        serverEvents.clear();
        int accepted = 0;
        for (int i = 1; i <= ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND + 50; i++) {
            alice.send(new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(i, 0))), now);
            if (server.receive(clientNet.drain().getFirst().datagram(), ALICE_ADDR, now).isPresent()) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(ServerEndpoint.MAX_PACKETS_PER_PLAYER_SECOND);
        now += 1000;
        alice.send(new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(1000, 0))), now);
        assertThat(server.receive(clientNet.drain().getFirst().datagram(), ALICE_ADDR, now)).isPresent();
    }

    @Test
    void aClientRestartedOnTheSameAddressIsANewConnection() {
        ConnectToken aliceToken = token("s-1", "alice", 600);
        pump(client(aliceToken), ALICE_ADDR);
        serverEvents.clear();
        now += 2000;
        ClientEndpoint restarted = client(aliceToken); // same port, before the old connection timed out
        pump(restarted, ALICE_ADDR);
        assertThat(restarted.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(serverEvents).containsExactly(new ServerEvent.PlayerConnected(0, "id-alice", "alice", true));
    }
}
