package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The session's extensions and URI are Jetty's, read when asked for (nothing on the STOMP path asks); before the
 * connection is open there are none. With an open connection: {@link PermessageDeflateOnTest} (the extension
 * negotiated), {@link PermessageDeflateTest} (none).
 */
class SessionExtensionsTest {
    @Test
    void aSessionNotYetOpenHasNoExtensionsAndNoUri() {
        var session = new CoreWebSocketSession(new String[0], null, null, null, null, "v12.stomp", 1024, 1024);
        assertThat(session.getExtensions()).isEmpty();
        assertThat(session.getUri()).isNull();
    }
}
