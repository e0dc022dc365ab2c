package dev.skirmish.lobby.ws;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.util.MultiValueMap;

/**
 * Fan-out {@code node}: the bridge's STOMP decoder, which drops the frames this node published itself right after
 * they are parsed. RabbitMQ's STOMP plugin has no subscription that leaves the publisher out, so a node's own lines
 * come back for every room it has members in (every line, on one node); it delivered them locally already. Dropped
 * here, on the connection's I/O thread, they skip the rest of Spring's client road (a header accessor, the
 * subscription lookup, the handler's payload conversion) — a profile of one node showed that road for lines nobody
 * needed. {@link NodeBridge#inbound} still checks the origin for frames that come another way.
 */
final class OwnFramesDropped extends StompDecoder {
    private final String node;

    OwnFramesDropped(String node) {
        this.node = node;
    }

    @Override
    public List<Message<byte[]>> decode(ByteBuffer buffer, MultiValueMap<String, String> partialMessageHeaders) {
        List<Message<byte[]>> frames = super.decode(buffer, partialMessageHeaders);
        if (frames.isEmpty()) return frames;
        List<Message<byte[]>> kept = new ArrayList<>(frames.size());
        for (Message<byte[]> frame : frames) {
            if (!ownFrame(frame)) kept.add(frame);
        }
        return kept;
    }

    private boolean ownFrame(Message<byte[]> frame) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
        return stomp != null && node.equals(stomp.getFirstNativeHeader(NodeBridge.ORIGIN));
    }
}
