package dev.skirmish.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.packet.PacketCodec;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConnectTokensTest {
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7003);
    final byte[] key = ConnectTokens.newSessionKey();
    final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    final Instant expires = now.plusSeconds(600);

    byte[] issue() {
        return Base64.getDecoder().decode(ConnectTokens.issue(key, "s-1", "p-1", "alice", SERVER, expires));
    }

    @Test
    void sessionKeysAreRandom32Bytes() {
        assertThat(key).hasSize(32);
        assertThat(ConnectTokens.newSessionKey()).isNotEqualTo(key);
        assertThat(ConnectTokens.decodeSessionKey(Base64.getEncoder().encodeToString(key))).isEqualTo(key);
        assertThatThrownBy(() -> ConnectTokens.decodeSessionKey("AAAA")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ConnectTokens.decodeSessionKey("**")).hasMessageContaining("base64");
    }

    @Test
    void clientReadsThePublicPartWithoutTheKey() {
        String b64 = ConnectTokens.issue(key, "s-1", "p-1", "alice", SERVER, expires);
        ConnectToken t = ConnectToken.parse(b64);
        assertThat(t.sessionId()).isEqualTo("s-1");
        assertThat(t.server()).isEqualTo(SERVER);
        assertThat(t.expiresAt()).isEqualTo(expires);
        assertThat(t.timeoutSeconds()).isEqualTo(10);
        assertThat(t.clientToServerKey()).hasSize(32).isNotEqualTo(t.serverToClientKey());
        assertThat(t.toBase64()).isEqualTo(b64);
        assertThat(t.toString()).doesNotContain(Base64.getEncoder().encodeToString(t.clientToServerKey()));
    }

    @Test
    void serverOpensAValidToken() {
        byte[] raw = issue();
        TokenCheck check = ConnectTokens.check(key, raw, "s-1", now);
        assertThat(check).isInstanceOf(TokenCheck.Valid.class);
        PrivateConnectToken p = ((TokenCheck.Valid) check).contents();
        assertThat(p.playerId()).isEqualTo("p-1");
        assertThat(p.playerName()).isEqualTo("alice");
        assertThat(p.sessionId()).isEqualTo("s-1");
        ConnectToken publicView = ConnectToken.tryParse(raw).orElseThrow();
        assertThat(p.clientToServerKey()).isEqualTo(publicView.clientToServerKey());
        assertThat(p.serverToClientKey()).isEqualTo(publicView.serverToClientKey());
    }

    @Test
    void everySingleBitFlipOfTheRequestIsRefused() {
        // v2: the server sees only the request (expiry, nonce, private part); every bit of it is authenticated
        byte[] datagram = PacketCodec.encodePlain(ConnectToken.tryParse(issue()).orElseThrow().request());
        int used = ConnectionRequest.HEADER_BYTES + ConnectToken.tryParse(issue()).orElseThrow().privatePart().length;
        for (int i = 1; i < used; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] tampered = datagram.clone();
                tampered[i] ^= (byte) (1 << bit);
                var request = PacketCodec.decodePlain(tampered);
                if (request.isPresent()) {
                    assertThat(ConnectTokens.check(key, (ConnectionRequest) request.get(), "s-1", now))
                            .as("flip at byte %d bit %d", i, bit).isInstanceOf(TokenCheck.Invalid.class);
                }
            }
        }
    }

    @Test
    void wrongKeyExpiredAndForeignSessionAreRefused() {
        byte[] token = issue();
        assertThat(ConnectTokens.check(ConnectTokens.newSessionKey(), token, "s-1", now))
                .isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.BAD_SEAL));
        assertThat(ConnectTokens.check(key, token, "s-1", expires))
                .isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.EXPIRED));
        // v2: the session id is in the associated data, so another session's token does not open
        assertThat(ConnectTokens.check(key, token, "s-2", now))
                .isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.BAD_SEAL));
        assertThat(ConnectTokens.check(key, new byte[] {1, 2, 3}, "s-1", now))
                .isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.MALFORMED));
    }

    @Test
    void swappingPrivatePartsBetweenTokensFailsTheSeal() {
        ConnectToken a = ConnectToken.parse(ConnectTokens.issue(key, "s-1", "p-1", "alice", SERVER, expires));
        ConnectToken b = ConnectToken.parse(ConnectTokens.issue(key, "s-1", "p-2", "bob", SERVER, expires));
        assertThat(ConnectTokens.open(key, b.privatePart(), a.nonce(), a.associatedData())).isEmpty();
        assertThat(ConnectTokens.open(key, a.privatePart(), a.nonce(), a.associatedData())).isPresent();
    }

    @Test
    void badInputGivesClearErrors() {
        assertThatThrownBy(() -> ConnectToken.parse("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> ConnectToken.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConnectToken.parse("AAAA")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> ConnectTokens.issue(new byte[3], "s", "p", "n", SERVER, expires))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ConnectTokens.issue(key, "s", "p", "x".repeat(40), SERVER, expires))
                .hasMessageContaining("playerName");
        assertThatThrownBy(() -> ConnectTokens.issue(key, "", "p", "n", SERVER, expires))
                .hasMessageContaining("sessionId");
    }

    @Test
    void hostNameAndIpv6ServersRoundTrip() {
        for (InetSocketAddress server : new InetSocketAddress[] {
                InetSocketAddress.createUnresolved("game.example.org", 7100), new InetSocketAddress("::1", 7101)}) {
            ConnectToken t = ConnectToken.parse(ConnectTokens.issue(key, "s-1", "p-1", "alice", server, expires));
            assertThat(t.server().getHostString()).isEqualTo(server.getHostString());
            assertThat(t.server().getPort()).isEqualTo(server.getPort());
        }
    }
}
