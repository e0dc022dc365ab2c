package dev.skirmish.lobby.ws;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A stand-in for a container's WebSocket session that records what an outbox writes and on which thread (or, for the
 * writer bench, only counts it); not a container session, so no batching or raw bytes.
 */
class RecordingSession implements WebSocketSession {
    final List<String> frames = new CopyOnWriteArrayList<>();
    final Set<Thread> writers = ConcurrentHashMap.newKeySet();
    final LongAdder written = new LongAdder();
    private final boolean keep;
    volatile CloseStatus closedWith;

    RecordingSession() {
        this(true);
    }

    /** @param keep false: only count the frames (the bench writes millions) */
    RecordingSession(boolean keep) {
        this.keep = keep;
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        written.increment();
        if (!keep) return;
        writers.add(Thread.currentThread());
        frames.add(((TextMessage) message).getPayload());
    }

    @Override
    public void close(CloseStatus status) {
        writers.add(Thread.currentThread());
        closedWith = status;
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public String getId() {
        return "s1";
    }

    @Override
    public URI getUri() {
        return null;
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return new HttpHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public String getAcceptedProtocol() {
        return "v12.stomp";
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getTextMessageSizeLimit() {
        return 1024;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return 1024;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }
}
