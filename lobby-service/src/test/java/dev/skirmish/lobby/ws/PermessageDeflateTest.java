package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawUpgrade;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (and plain load) stopped: every client offers {@code permessage-deflate} (browsers and Node's {@code ws} do),
 * and a container that accepts it compresses every frame to every recipient with a zlib context of its own, which
 * multiplies CPU per delivery and holds ~300 KiB per connection: a few thousand idle connections exhaust the heap.
 * The lobby answers the same offer without the extension, and the connection works uncompressed.
 */
class PermessageDeflateTest extends IntegrationTestBase {
    static final String BROWSER_OFFER = "permessage-deflate; client_max_window_bits";

    @Test
    void aDeflateOfferIsDeclinedSoNoConnectionHoldsCompressionState() {
        String head = RawUpgrade.handshake(port, "/ws", BROWSER_OFFER);
        assertThat(head).startsWith("HTTP/1.1 101");
        assertThat(head.toLowerCase()).doesNotContain("sec-websocket-extensions").doesNotContain("permessage-deflate");
    }
}
