package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's per-connection queues on the {@code /ws} path (issue 15, {@link StompWebSocketHandler}): a connection
 * with an outbox is written by it alone, and one without (fan-out {@code relay}) keeps Spring's send decorator.
 */
class StompQueuesTest extends IntegrationTestBase {
    @Autowired
    @Qualifier("subProtocolWebSocketHandler")
    WebSocketHandler handler;

    @Test
    void aConnectionWithAnOutboxGetsNoSecondSendQueue() {
        assertThat(handler).isInstanceOf(StompWebSocketHandler.class);
        var stomp = (StompWebSocketHandler) handler;
        var outbox = new SessionOutbox(new RecordingSession(), 10_000, 1 << 20, o -> { });
        assertThat(stomp.decorateSession(outbox)).isSameAs(outbox);
        // no outbox (fan-out relay): Spring's decorator is the writer that applies the send-time and buffer limits
        var relayed = stomp.decorateSession(new RecordingSession());
        assertThat(relayed).isInstanceOf(ConcurrentWebSocketSessionDecorator.class);
        assertThat(((ConcurrentWebSocketSessionDecorator) relayed).getSendTimeLimit()).isEqualTo(stomp.getSendTimeLimit());
        assertThat(((ConcurrentWebSocketSessionDecorator) relayed).getBufferSizeLimit()).isEqualTo(stomp.getSendBufferSizeLimit());
    }
}
