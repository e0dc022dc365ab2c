package dev.skirmish.lobby.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.adapter.AbstractWebSocketSession;

/**
 * Spring's view of a {@code /ws} connection on Jetty's core WebSocket session (issue 19): what Spring's handshake
 * learnt (headers, addresses, user, sub-protocol; the URI is Jetty's) plus writes that go straight to the core session as frames. A
 * Spring text message goes out as its UTF-8 bytes (Spring's STOMP handler makes its frames from bytes, so nothing is
 * encoded again). {@link SessionOutbox} hands every frame (the fan-out's and Spring's) to Jetty without waiting
 * ({@link #sendText(StompFrames.Delivery, boolean, Callback)}, {@link #send(WebSocketMessage, boolean, Callback)}),
 * batched until {@link #flush(Callback)}, and goes on from the callback: no thread waits on a write.
 * <p>
 * Message size limits are the transport's ({@link CoreSocket}), not a per-session setting: Spring's STOMP handler
 * raises each session's text limit to fit one STOMP frame (16 KiB + 256), which the transport's limit (24 KiB)
 * already does, and a lower one would close with 1009 a frame that deserves the STOMP {@code ERROR} frame.
 */
final class CoreWebSocketSession extends AbstractWebSocketSession<CoreSession> {
    private final String id = idGenerator.generateId().toString();
    private final String[] headerPairs;
    private volatile @Nullable HttpHeaders headers;
    private final @Nullable Principal user;
    private final @Nullable InetSocketAddress local;
    private final @Nullable InetSocketAddress remote;
    private final @Nullable String protocol;
    private final int maxTextBytes;
    private final int maxBinaryBytes;
    private volatile @Nullable List<WebSocketExtension> extensions;

    CoreWebSocketSession(String[] headerPairs, @Nullable Map<String, Object> attributes, @Nullable Principal user,
                         @Nullable InetSocketAddress local, @Nullable InetSocketAddress remote, @Nullable String protocol,
                         int maxTextBytes, int maxBinaryBytes) {
        super(attributes);
        this.headerPairs = headerPairs;
        this.user = user;
        this.local = local;
        this.remote = remote;
        this.protocol = protocol;
        this.maxTextBytes = maxTextBytes;
        this.maxBinaryBytes = maxBinaryBytes;
    }

    @Override
    public String getId() {
        return id;
    }

    /**
     * The URI Jetty's handshake built for its own session (no second one from the servlet request's URL, which Spring's
     * {@code ServletServerHttpRequest.getURI()} would build and parse: ~1.3 % of a STOMP join's samples, issue 19, for
     * a value nothing on the STOMP path reads); none before the connection is open. Its scheme is {@code ws} or
     * {@code wss}, as in Spring's own Jetty adapter, where the servlet request's was {@code http} or {@code https}.
     */
    @Override
    public @Nullable URI getUri() {
        CoreSession core = getNativeSession(CoreSession.class);
        return core == null ? null : core.getRequestURI();
    }

    /** Built on first use from the upgrade's name, value pairs ({@link CoreUpgrade#headerPairs}); two racing callers build equal maps. */
    @Override
    public HttpHeaders getHandshakeHeaders() {
        HttpHeaders built = headers;
        if (built == null) {
            var map = new HttpHeaders();
            for (int i = 0; i < headerPairs.length; i += 2) map.add(headerPairs[i], headerPairs[i + 1]);
            headers = built = HttpHeaders.readOnlyHttpHeaders(map);
        }
        return built;
    }

    @Override
    public @Nullable Principal getPrincipal() {
        return user;
    }

    @Override
    public @Nullable InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public @Nullable InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public @Nullable String getAcceptedProtocol() {
        return protocol;
    }

    /** Fixed by the transport (see the class comment); Spring's STOMP handler asks to raise it, which is not needed. */
    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getTextMessageSizeLimit() {
        return maxTextBytes;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return maxBinaryBytes;
    }

    /**
     * Built on first use, not at open: nothing on the STOMP path asks, and Jetty's list of the negotiated extensions
     * is a new stream and list per call; with the default (no extension negotiated) the two streams per upgrade,
     * Jetty's and this one, were ~1.5 % of a STOMP join's samples (issue 19). Two racing callers build equal lists.
     */
    @Override
    public List<WebSocketExtension> getExtensions() {
        List<WebSocketExtension> built = extensions;
        if (built == null) {
            CoreSession core = getNativeSession(CoreSession.class);
            if (core == null) return List.of();
            extensions = built = core.getNegotiatedExtensions().stream().map(e -> new WebSocketExtension(e.getName(), e.getParameters())).toList();
        }
        return built;
    }

    @Override
    public boolean isOpen() {
        CoreSession core = getNativeSession();
        return core.isOutputOpen() && !core.isClosed();
    }

    /**
     * Hands a fan-out frame to Jetty as one final text frame and returns without waiting; {@code done} completes
     * when Jetty is done with it (written, copied into the batch buffer, or failed), on this thread if that happened
     * at once. Its bytes are put together in a buffer of Jetty's pool, returned to it at that moment and not before
     * (another connection's frame would be written into a buffer Jetty still sends), instead of an array per subscriber.
     * With {@code batch} the frame may wait in Jetty's batch buffer for {@link #flush(Callback)}.
     */
    void sendText(StompFrames.Delivery frame, boolean batch, Callback done) {
        RetainableByteBuffer.Mutable buffer = getNativeSession().getByteBufferPool().acquire(frame.length(), false);
        ByteBuffer bytes = buffer.getByteBuffer();
        bytes.clear();
        frame.writeTo(bytes);
        bytes.flip();
        getNativeSession().sendFrame(new Frame(OpCode.TEXT, true, bytes), new Release(buffer, done), batch);
    }

    /** Hands one of Spring's messages (a STOMP frame's bytes, a ping...) to Jetty without waiting, as {@link #sendText(StompFrames.Delivery, boolean, Callback)}. */
    void send(WebSocketMessage<?> message, boolean batch, Callback done) {
        getNativeSession().sendFrame(frameOf(message), done, batch);
    }

    /** Writes what batched frames wait in Jetty's buffer; {@code done} completes once written (or failed), without waiting. */
    void flush(Callback done) {
        getNativeSession().flush(done);
    }

    /** The pooled buffer of a fan-out frame goes back once Jetty is done with it, whichever way; then the writer hears. */
    private record Release(RetainableByteBuffer buffer, Callback done) implements Callback {
        @Override
        public void succeeded() {
            buffer.release();
            done.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            buffer.release();
            done.failed(x);
        }

        @Override
        public InvocationType getInvocationType() {
            return done.getInvocationType();
        }
    }

    private static Frame frameOf(WebSocketMessage<?> message) {
        return switch (message) {
            case TextMessage text -> new Frame(OpCode.TEXT, text.isLast(), ByteBuffer.wrap(text.asBytes()));
            case BinaryMessage binary -> new Frame(OpCode.BINARY, binary.isLast(), binary.getPayload());
            case PingMessage ping -> new Frame(OpCode.PING, true, ping.getPayload());
            case PongMessage pong -> new Frame(OpCode.PONG, true, pong.getPayload());
            default -> throw new IllegalArgumentException("unexpected WebSocket message " + message.getClass().getName());
        };
    }

    /** Spring's blocking road, for a caller other than the outbox (none on the STOMP path: every frame goes through it). */
    @Override
    protected void sendTextMessage(TextMessage message) throws IOException {
        send(frameOf(message));
    }

    @Override
    protected void sendBinaryMessage(BinaryMessage message) throws IOException {
        send(frameOf(message));
    }

    @Override
    protected void sendPingMessage(PingMessage message) throws IOException {
        send(frameOf(message));
    }

    @Override
    protected void sendPongMessage(PongMessage message) throws IOException {
        send(frameOf(message));
    }

    /**
     * Starts the close handshake and returns: the close frame queues behind what is being written, and a client that
     * does not read must not hold the caller (the outbox's drain, or the thread that ends a slow connection).
     */
    @Override
    protected void closeInternal(CloseStatus status) {
        getNativeSession().close(status.getCode(), status.getReason(), Callback.NOOP);
    }

    private void send(Frame frame) throws IOException {
        var written = new FutureCallback();
        getNativeSession().sendFrame(frame, written, false);
        written.block();
    }
}
