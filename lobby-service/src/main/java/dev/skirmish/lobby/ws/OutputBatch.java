package dev.skirmish.lobby.ws;

import java.lang.reflect.Field;
import org.eclipse.jetty.ee11.websocket.jakarta.common.JakartaWebSocketContainer;
import org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer;
import org.eclipse.jetty.websocket.core.Configuration;

/**
 * The size of Jetty's batch buffer per {@code /ws} connection ({@code skirmish.lobby.ws-output-buffer},
 * {@link StompTransportProperties}): the frames a connection's writer batches ({@link SessionOutbox}) are copied into
 * it and written in one socket write when it is full or the batch ends. Jetty's default is 4 KiB, ~14 chat frames:
 * a connection that fell behind by more pays a socket write per 14 frames. The buffer is taken from Jetty's pool
 * for a batch and given back when written, so an idle connection holds none.
 * <p>
 * Jetty sets it on each connection from its JSR-356 container's default configuration, which it exposes to
 * subclasses only; set here before the first upgrade.
 */
final class OutputBatch {
    private OutputBatch() {
    }

    static void apply(JakartaWebSocketServerContainer container, int bytes) {
        try {
            Field defaults = JakartaWebSocketContainer.class.getDeclaredField("defaultCustomizer");
            defaults.setAccessible(true);
            ((Configuration.ConfigurationCustomizer) defaults.get(container)).setOutputBufferSize(bytes);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set the WebSocket output buffer of Jetty's container", e);
        }
    }
}
