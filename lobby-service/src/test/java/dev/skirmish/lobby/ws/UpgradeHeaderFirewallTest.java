package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Attack: a header value the firewall refuses (a C1 control character, which Jetty's HTTP parser lets through as
 * obs-text) on the WebSocket upgrade. The container's upgrade reads its own request, not the firewalled wrapper
 * ({@link CoreUpgrade#containersOwn}); this holds only while Spring's handshake reads every header through the
 * firewall before it calls the container, which is what this checks: the upgrade is refused with the firewall's 400,
 * and no connection is upgraded.
 */
class UpgradeHeaderFirewallTest extends IntegrationTestBase {
    private String upgrade(String extraHeader) throws IOException {
        String head = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n"
                + extraHeader + "\r\n";
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            var in = socket.getInputStream();
            var out = new ByteArrayOutputStream();
            try {
                // up to the end of a 101's head (the connection then waits for STOMP frames) or of a refusal's body
                for (int b; out.size() < 16_384 && (b = in.read()) >= 0; ) {
                    out.write(b);
                    String s = out.toString(StandardCharsets.ISO_8859_1);
                    if ((s.startsWith("HTTP/1.1 101") && s.endsWith("\r\n\r\n")) || s.endsWith("}")) break;
                }
            } catch (SocketTimeoutException stalled) {
                // answered with what arrived: the assertions say what was missing
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aHeaderTheFirewallRefusesEndsTheUpgradeWithItsAnswer() throws IOException {
        String answer = upgrade("X-Note: a\u0085b\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("REQUEST_REJECTED");
    }

    @Test
    void aPlainUpgradeStillUpgrades() throws IOException {
        assertThat(upgrade("X-Note: ab\r\n")).startsWith("HTTP/1.1 101");
    }
}
