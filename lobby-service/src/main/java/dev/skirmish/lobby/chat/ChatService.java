package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.web.LobbyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/** Room and lobby chat: validation, per-player rate limit, storage, then fan-out. */
@Service
public class ChatService {
    public static final String LOBBY = "lobby";

    private final ChatRepository messages;
    private final RoomService rooms;
    private final SimpMessageSendingOperations broker;
    private final RateLimiter limiter;
    private final Clock clock;
    private final LobbyProperties props;
    private final Counter sent;
    private final Counter refused;

    public ChatService(ChatRepository messages, RoomService rooms, SimpMessageSendingOperations broker, LobbyProperties props,
                       Clock clock, MeterRegistry meters) {
        this.messages = messages;
        this.rooms = rooms;
        this.broker = broker;
        this.props = props;
        this.clock = clock;
        this.limiter = new RateLimiter(props.chatRatePerSecond(), props.chatBurst(), System::nanoTime);
        this.sent = Counter.builder("lobby.chat.messages").description("chat messages accepted").register(meters);
        this.refused = Counter.builder("lobby.chat.refused").description("chat messages refused (rate, size, membership)").register(meters);
    }

    /** Sends to a room's chat ({@code roomId} non-null) or the lobby channel. */
    public ChatMessage send(PlayerToken p, String roomId, String rawText) {
        if (roomId != null && !rooms.isMember(p.playerId(), roomId)) {
            refused.increment();
            throw LobbyException.forbidden("NOT_A_MEMBER", "only members may chat in this room");
        }
        String text = clean(rawText);
        if (!limiter.tryAcquire(p.playerId())) {
            refused.increment();
            throw new LobbyException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "CHAT_RATE_LIMITED",
                    "slow down: at most " + (int) props.chatRatePerSecond() + " messages per second (bursts of " + props.chatBurst() + ")");
        }
        String channel = roomId == null ? LOBBY : roomId;
        var saved = ChatMessage.of(messages.save(new ChatMessageEntity(channel, p.playerId(), p.name(), text, clock.instant())));
        sent.increment();
        broker.convertAndSend(roomId == null ? "/topic/lobby/chat" : "/topic/rooms/" + roomId + "/chat", saved);
        return saved;
    }

    /** Newest first. */
    public Page<ChatMessage> history(String viewerId, String roomId, int page, int size) {
        if (roomId != null && !rooms.isMember(viewerId, roomId)) {
            throw LobbyException.forbidden("NOT_A_MEMBER", "only members may read this room's chat");
        }
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, props.maxPageSize()), Sort.by(Sort.Direction.DESC, "id"));
        return messages.findByChannel(roomId == null ? LOBBY : roomId, pageable).map(ChatMessage::of);
    }

    /** Strips control characters and surrounding blanks; 1-500 characters must remain. */
    static String clean(String raw) {
        if (raw == null) throw LobbyException.badRequest("INVALID_CHAT", "text is required");
        if (raw.length() > 2000) throw LobbyException.badRequest("INVALID_CHAT", "text must be 1-500 characters");
        String text = raw.replaceAll("[\\p{Cntrl}\\p{Cf}&&[^\\u200D]]", "").strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > 500) {
            throw LobbyException.badRequest("INVALID_CHAT", "text must be 1-500 characters");
        }
        return text;
    }
}
