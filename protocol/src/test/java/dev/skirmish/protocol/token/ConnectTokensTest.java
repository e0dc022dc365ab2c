package dev.skirmish.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        TokenCheck check = ConnectTokens.check(key, issue(), "s-1", now);
        assertThat(check).isInstanceOf(TokenCheck.Valid.class);
        PrivateConnectToken p = ((TokenCheck.Valid) check).contents();
        assertThat(p.playerId()).isEqualTo("p-1");
        assertThat(p.playerName()).isEqualTo("alice");
        assertThat(p.sessionId()).isEqualTo("s-1");
        assertThat(p.clientToServerKey()).isEqualTo(((TokenCheck.Valid) check).token().clientToServerKey());
    }

    @Test
    void everySingleBitFlipIsRefused() {
        byte[] token = issue();
        for (int i = 0; i < token.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] tampered = token.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertThat(ConnectTokens.check(key, tampered, "s-1", now))
                        .as("flip at byte %d bit %d", i, bit).isInstanceOf(TokenCheck.Invalid.class);
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
        assertThat(ConnectTokens.check(key, token, "s-2", now))
                .isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.WRONG_SESSION));
        assertThat(ConnectTokens.check(key, new byte[] {1, 2, 3}, "s-1", now))
                .isEqualTo(new TokenCheck.Invalid(TokenCheck.Reason.MALFORMED));
    }

    @Test
    void swappingPrivatePartsBetweenTokensFailsTheSeal() {
        ConnectToken a = ConnectToken.parse(ConnectTokens.issue(key, "s-1", "p-1", "alice", SERVER, expires));
        ConnectToken b = ConnectToken.parse(ConnectTokens.issue(key, "s-1", "p-2", "bob", SERVER, expires));
        assertThat(ConnectTokens.open(key, b.privatePart(), a.nonce(), a.publicBytes())).isEmpty();
        assertThat(ConnectTokens.open(key, a.privatePart(), a.nonce(), a.publicBytes())).isPresent();
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
