package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawUpgrade;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code skirmish.lobby.ws-permessage-deflate=true} accepts the same offer that is declined by default. */
@TestPropertySource(properties = "skirmish.lobby.ws-permessage-deflate=true")
class PermessageDeflateOnTest extends IntegrationTestBase {
    @Test
    void theSettingTurnsDeflateBackOn() {
        String head = RawUpgrade.handshake(port, "/ws", PermessageDeflateTest.BROWSER_OFFER);
        assertThat(head).startsWith("HTTP/1.1 101");
        assertThat(head.toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
    }
}
