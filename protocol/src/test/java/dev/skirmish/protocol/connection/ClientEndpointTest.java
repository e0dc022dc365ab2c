package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.Challenge;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client side alone, fed hand-sealed server packets. */
class ClientEndpointTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7003);
    final long now = 1_800_000_000_000L;
    final ConnectToken token = ConnectToken.parse(ConnectTokens.issue(ConnectTokens.newSessionKey(), "s", "p", "alice",
            SERVER, Instant.ofEpochMilli(now).plusSeconds(60)));
    final LoopbackNet net = new LoopbackNet();
    final ClientEndpoint client = new ClientEndpoint(token, SERVER, net, now);
    long serverSequence = 100;
    ConnectionKeys keys;

    /** Seals like the server: under this connection's keys once the handshake gave them, else the token's key. */
    byte[] fromServer(dev.skirmish.protocol.packet.Packet p) {
        return PacketCodec.encodeSealed(p, serverSequence++, keys != null ? keys.serverToClient()
                : token.serverToClientKey());
    }

    /** Plays the server's CHALLENGE and reads the client's salt from its response, as the server would. */
    void challenged() {
        byte[] serverSalt = new byte[Protocol.SALT_BYTES];
        serverSalt[0] = 7;
        net.drain();
        client.receive(fromServer(new Challenge(5, serverSalt, new byte[] {1})), SERVER, now);
        ChallengeResponse response = (ChallengeResponse) PacketCodec.decodePlain(net.drain().getFirst().datagram())
                .orElseThrow();
        keys = ConnectionKeys.derive(token.clientToServerKey(), token.serverToClientKey(), serverSalt,
                response.clientSalt());
        assertThat(client.connectionKeys()).isEqualTo(keys);
    }

    @Test
    void onlyAuthenticPacketsFromTheServerAddressCount() {
        // a KEEP_ALIVE under the token's own key is not a connection: only this connection's keys confirm one
        assertThat(client.receive(fromServer(new KeepAlive(0, 2)), SERVER, now)).isEmpty();
        challenged();
        byte[] keepAlive = fromServer(new KeepAlive(0, 2));
        assertThat(client.receive(keepAlive, new InetSocketAddress("127.0.0.1", 7004), now)).isEmpty();
        byte[] forged = PacketCodec.encodeSealed(new KeepAlive(0, 2), 1, token.clientToServerKey()); // wrong key
        assertThat(client.receive(forged, SERVER, now)).isEmpty();
        assertThat(client.state()).isEqualTo(ClientState.SENDING_RESPONSE);
        assertThat(client.receive(keepAlive, SERVER, now)).containsExactly(new ClientEvent.Connected(0, 2));
    }

    @Test
    void duplicatedSnapshotsAndEventsAreDeliveredOnce() {
        challenged();
        client.receive(fromServer(new KeepAlive(1, 2)), SERVER, now);
        NetEvent hit = new NetEvent(1, 1, new byte[] {1});
        byte[] snapshot = fromServer(new SnapshotPacket(5, SnapshotPacket.NO_TICK, 0, List.of(hit), new byte[] {0, 0, 0, 0, 0}));
        List<ClientEvent> first = client.receive(snapshot, SERVER, now);
        assertThat(first).hasSize(2);
        assertThat(first.getFirst()).isEqualTo(new ClientEvent.EventsReceived(List.of(hit)));
        assertThat(client.receive(snapshot, SERVER, now)).as("replayed datagram").isEmpty();
        byte[] again = fromServer(new SnapshotPacket(6, 5, 0, List.of(hit), new byte[] {0, 0, 0, 0, 0}));
        assertThat(client.receive(again, SERVER, now)).singleElement().isInstanceOf(ClientEvent.SnapshotReceived.class);
        assertThat(client.eventAck()).isEqualTo(1);
    }

    @Test
    void deniedIsFinalAndTokenExpiryStopsTheHandshake() {
        assertThat(client.receive(fromServer(new Denied(Denied.Reason.SERVER_FULL)), SERVER, now))
                .containsExactly(new ClientEvent.Refused(Denied.Reason.SERVER_FULL));
        assertThat(client.state()).isEqualTo(ClientState.DENIED);
        assertThat(client.finalReason()).isEqualTo(Denied.Reason.SERVER_FULL);

        ClientEndpoint late = new ClientEndpoint(token, SERVER, net, now);
        late.update(token.expiresAt().toEpochMilli());
        assertThat(late.state()).isEqualTo(ClientState.TOKEN_EXPIRED);
    }

    @Test
    void nothingIsSentSealedBeforeConnecting() {
        assertThat(client.send(new KeepAlive(0, 0), now)).isFalse();
        client.update(now);
        assertThat(net.drain()).singleElement().satisfies(s -> assertThat(s.datagram()).hasSize(1200));
    }
}
