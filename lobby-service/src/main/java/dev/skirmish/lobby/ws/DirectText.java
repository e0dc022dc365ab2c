package dev.skirmish.lobby.ws;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.util.net.SocketWrapperBase.BlockingMode;
import org.apache.tomcat.util.net.SocketWrapperBase.CompletionState;
import org.slf4j.LoggerFactory;

/**
 * Non-blocking writes of whole text frames straight to a Tomcat WebSocket connection's socket, with a completion
 * that runs on the thread that wrote when the socket takes the bytes at once (the common case) and on Tomcat's
 * executor, after its poller saw the socket writable, when it does not. Tomcat's own non-blocking send
 * ({@code sendText(String, SendHandler)}) always hands its completion to the executor, a thread start per frame on
 * a lobby with virtual threads: the same hand-off the blocking writer thread costs. This goes one level lower, to
 * the socket wrapper's asynchronous gather write that Tomcat's endpoint itself uses, and frames the payloads here
 * (server frames are unmasked: a 2-, 4- or 10-byte header).
 * <p>
 * While a write of this class is under way it holds the endpoint's message-part permit, the one Tomcat's own frames
 * (a pong, its close) take before they write: they wait for it, as they wait for a frame of Tomcat's own, and never
 * interleave with it. Where Tomcat's internals are not found, its connector runs without asynchronous I/O or the
 * connection has an extension that transforms frames ({@code permessage-deflate}), {@link #of} returns null and the
 * caller keeps the container's blocking write.
 */
final class DirectText {
    /** Tomcat's default blocking send timeout, which the blocking write applied: a write stuck that long fails. */
    static final long WRITE_TIMEOUT_MILLIS = 20_000;
    private static final MethodHandle ENDPOINT;
    private static final MethodHandle SOCKET;
    private static final MethodHandle PERMIT;
    private static final MethodHandle TOUCH;

    static {
        MethodHandle endpoint = null, socket = null, permit = null, touch = null;
        try {
            var lookup = MethodHandles.lookup();
            Class<?> session = Class.forName("org.apache.tomcat.websocket.WsSession");
            Class<?> base = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointImplBase");
            Class<?> server = Class.forName("org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer");
            var inSession = MethodHandles.privateLookupIn(session, lookup);
            endpoint = inSession.findGetter(session, "wsRemoteEndpoint", base);
            touch = inSession.findVirtual(session, "updateLastActiveWrite", MethodType.methodType(void.class));
            var inBase = MethodHandles.privateLookupIn(base, lookup);
            permit = inBase.findGetter(base, "messagePartInProgress", Semaphore.class);
            socket = MethodHandles.privateLookupIn(server, lookup).findGetter(server, "socketWrapper", SocketWrapperBase.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            endpoint = null;
            LoggerFactory.getLogger(DirectText.class).info("WebSocket frames are written by the container's blocking send (Tomcat's socket internals not found: {})", e.toString());
        }
        ENDPOINT = endpoint;
        SOCKET = socket;
        PERMIT = permit;
        TOUCH = touch;
    }

    private final Object session;
    private final SocketWrapperBase<?> socket;
    private final Semaphore permit;

    private DirectText(Object session, SocketWrapperBase<?> socket, Semaphore permit) {
        this.session = session;
        this.socket = socket;
        this.permit = permit;
    }

    /** The direct writer of this container session, or null where frames must go through the container's send. */
    static DirectText of(Session session) {
        if (ENDPOINT == null || session == null || !ENDPOINT.type().parameterType(0).isInstance(session)) return null;
        // an extension (permessage-deflate) transforms every frame: only the container's send knows how
        if (!session.getNegotiatedExtensions().isEmpty()) return null;
        try {
            Object endpoint = ENDPOINT.invoke(session);
            if (!SOCKET.type().parameterType(0).isInstance(endpoint)) return null;
            var socket = (SocketWrapperBase<?>) SOCKET.invoke(endpoint);
            return socket.hasAsyncIO() ? new DirectText(session, socket, (Semaphore) PERMIT.invoke(endpoint)) : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** Takes the endpoint's write permit if it is free (false: the container is writing a frame of its own). */
    boolean tryClaim() {
        return permit.tryAcquire();
    }

    /** Waits for the write permit, for a writer that may block; false when it did not come in time. */
    boolean claim(long timeoutMillis) throws InterruptedException {
        return permit.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Gives back the permit taken by {@link #tryClaim}/{@link #claim}, once the write is done or failed. */
    void release() {
        permit.release();
    }

    /**
     * Starts writing {@code frames} (whole frames, from {@link #frame}); {@code done} hears the outcome exactly once,
     * on this thread when the socket took everything at once, otherwise on a container thread later.
     */
    void write(ByteBuffer frames, CompletionHandler<Long, Void> done) {
        try {
            TOUCH.invoke(session);
        } catch (Throwable e) {
            // only the idle-timeout clock; the write itself is what matters
        }
        CompletionState state = socket.write(BlockingMode.NON_BLOCK, WRITE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS, null,
                SocketWrapperBase.COMPLETE_WRITE_WITH_COMPLETION, done, frames);
        // another socket write under way (none should be while the permit is held): nobody was told, so say it here
        if (state == CompletionState.NOT_DONE) done.failed(new IllegalStateException("a socket write was already under way"), null);
    }

    /** The size of a final text frame carrying {@code payload} bytes. */
    static int frameSize(int payload) {
        return headerSize(payload) + payload;
    }

    /** Puts a final, unmasked text frame with this payload into {@code out} (RFC 6455, section 5.2). */
    static void frame(byte[] payload, ByteBuffer out) {
        int length = payload.length;
        out.put((byte) 0x81);
        if (length < 126) {
            out.put((byte) length);
        } else if (length <= 0xFFFF) {
            out.put((byte) 126).putShort((short) length);
        } else {
            out.put((byte) 127).putLong(length);
        }
        out.put(payload);
    }

    private static int headerSize(int payload) {
        return payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
    }
}
