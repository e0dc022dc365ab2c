package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An operator's kick on the sans-I/O endpoints: the kicked player is told KICKED and its slot refuses every later
 * handshake (the same over real UDP with a real game-server process: session-orchestrator's KickFromMatchTest).
 */
class KickTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7003);
    static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 50001);
    static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.2", 50002);

    final byte[] sessionKey = ConnectTokens.newSessionKey();
    final long now = 1_800_000_000_000L;
    final LoopbackNet serverNet = new LoopbackNet();
    final LoopbackNet clientNet = new LoopbackNet();
    final ServerEndpoint server = new ServerEndpoint(new ServerConfig("s-1", sessionKey, List.of("alice", "bob")),
            serverNet, now);
    final List<ServerEvent> serverEvents = new ArrayList<>();

    ConnectToken token(String name) {
        return ConnectToken.parse(ConnectTokens.issue(sessionKey, "s-1", "id-" + name, name, SERVER,
                Instant.ofEpochMilli(now).plusSeconds(3600)));
    }

    void pump(ClientEndpoint client, InetSocketAddress from) {
        for (int round = 0; round < 10; round++) {
            client.update(now);
            List<LoopbackNet.Sent> up = clientNet.drain();
            up.forEach(s -> server.receive(s.datagram(), from, now).ifPresent(serverEvents::add));
            List<LoopbackNet.Sent> down = serverNet.drain();
            down.stream().filter(s -> s.to().equals(from)).forEach(s -> client.receive(s.datagram(), SERVER, now));
            if (up.isEmpty() && down.isEmpty()) {
                return;
            }
        }
    }

    /** Attack: the kicked player reconnects with the token it still holds, from its old or a new address. */
    @Test
    void aKickedPlayerIsDisconnectedWithKickedAndItsTokenIsDeniedKickedFromAnyAddress() {
        ClientEndpoint alice = new ClientEndpoint(token("alice"), SERVER, clientNet, now);
        pump(alice, FIRST);
        assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);

        assertThat(server.kick("alice", now)).hasValueSatisfying(e -> assertThat(e)
                .isEqualTo(new ServerEvent.PlayerDisconnected(0, "alice", Disconnect.Reason.KICKED)));
        pump(alice, FIRST);
        assertThat(alice.state()).isEqualTo(ClientState.DISCONNECTED);
        assertThat(alice.finalReason()).isEqualTo(Disconnect.Reason.KICKED);
        assertThat(server.kick("alice", now)).as("a second kick changes nothing").isEmpty();

        for (InetSocketAddress from : List.of(FIRST, SECOND)) {
            serverEvents.clear();
            ClientEndpoint again = new ClientEndpoint(token("alice"), SERVER, clientNet, now);
            pump(again, from);
            assertThat(again.state()).isEqualTo(ClientState.DENIED);
            assertThat(again.finalReason()).isEqualTo(Denied.Reason.KICKED);
            assertThat(serverEvents).isEmpty();
        }
        assertThat(server.isKicked("alice")).isTrue();
        assertThat(server.isKicked("bob")).isFalse();
    }

    /** Attack: a handshake started before the kick, finished after it. */
    @Test
    void aChallengeIssuedBeforeTheKickIsRefusedAfterIt() {
        ClientEndpoint bob = new ClientEndpoint(token("bob"), SERVER, clientNet, now);
        bob.update(now);
        clientNet.drain().forEach(s -> server.receive(s.datagram(), SECOND, now));
        List<LoopbackNet.Sent> challenge = serverNet.drain();
        assertThat(challenge).isNotEmpty();
        assertThat(server.kick("bob", now)).as("not connected yet: no event").isEmpty();
        challenge.forEach(s -> bob.receive(s.datagram(), SERVER, now));
        pump(bob, SECOND);
        assertThat(bob.state()).isEqualTo(ClientState.DENIED);
        assertThat(bob.finalReason()).isEqualTo(Denied.Reason.KICKED);
        assertThat(serverEvents).isEmpty();
    }

    @Test
    void aNameNotInTheMatchIsNoKick() {
        assertThat(server.kick("mallory", now)).isEmpty();
        assertThat(server.isKicked("mallory")).isFalse();
    }
}
