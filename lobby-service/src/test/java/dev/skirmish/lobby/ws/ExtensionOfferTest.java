package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * With {@code ws-permessage-deflate} off, Jetty's handshake is not shown the client's extension offer (it would parse
 * it only to have every offer declined); every other header, each value, reaches it as sent. With the setting on the
 * offer goes through: {@link PermessageDeflateOnTest}; the answer without it: {@link PermessageDeflateTest}.
 */
class ExtensionOfferTest {
    private static MockHttpServletRequest upgrade() {
        var request = new MockHttpServletRequest("GET", "/ws");
        request.addHeader("Host", "127.0.0.1");
        request.addHeader("Upgrade", "websocket");
        request.addHeader("sec-websocket-extensions", PermessageDeflateTest.BROWSER_OFFER);
        request.addHeader("Sec-WebSocket-Protocol", "v12.stomp");
        request.addHeader("Sec-WebSocket-Protocol", "v11.stomp");
        request.addHeader("SEC-WEBSOCKET-EXTENSIONS", "x-other");
        request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        return request;
    }

    @Test
    void theOfferIsHiddenInAnyCaseAndNothingElse() {
        var hidden = new CoreUpgrade.NoExtensionOffer(upgrade());
        assertThat(Collections.list(hidden.getHeaderNames())).containsExactly("Host", "Upgrade", "Sec-WebSocket-Protocol", "Sec-WebSocket-Key");
        assertThat(hidden.getHeader("Sec-WebSocket-Extensions")).isNull();
        assertThat(Collections.list(hidden.getHeaders("sec-websocket-extensions"))).isEmpty();
        assertThat(Collections.list(hidden.getHeaders("sec-websocket-protocol"))).containsExactly("v12.stomp", "v11.stomp");
        assertThat(hidden.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
    }

    @Test
    void aRequestOfTheOfferAloneHasNoHeaders() {
        var request = new MockHttpServletRequest("GET", "/ws");
        request.addHeader("Sec-WebSocket-Extensions", PermessageDeflateTest.BROWSER_OFFER);
        assertThat(new CoreUpgrade.NoExtensionOffer(request).getHeaderNames().hasMoreElements()).isFalse();
    }

    @Test
    void aSessionNotYetOpenHasNoExtensions() {
        var session = new CoreWebSocketSession(new String[0], null, null, null, null, "v12.stomp", 1024, 1024);
        assertThat(session.getExtensions()).isEmpty();
    }
}
