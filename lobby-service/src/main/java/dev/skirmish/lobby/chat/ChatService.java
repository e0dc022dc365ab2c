package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.config.ClusterProperties;
import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.limits.SharedBuckets;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * Room and lobby chat: validation, per-player rate limit, then the {@link ChatWriter} stores messages in batches
 * and fans each out once stored. A lifecycle bean so that shutdown stores what was accepted before the database
 * goes away.
 */
@Service
public class ChatService implements SmartLifecycle {
    public static final String LOBBY = "lobby";

    private final ChatRepository messages;
    private final RoomService rooms;
    /** the sender's membership check, once per line (see {@link ChatMembers}) */
    private final ChatMembers senders;
    private final ChatWriter writer;
    /** this node's bucket per player; in profile cluster with the shared limit only the first check (see {@link #sharedLimit}) */
    private final RateLimiter limiter;
    private final ChatMutes mutes;
    private final Clock clock;
    private final LobbyProperties props;
    private final Counter sent;
    private final Counter refused;

    public ChatService(ChatRepository messages, RoomService rooms, SimpMessageSendingOperations broker, LobbyProperties props,
                       Clock clock, MeterRegistry meters, ChatStore store, ChatMutes mutes, Optional<SharedBuckets> shared,
                       ClusterProperties cluster, Optional<ChatMembers> senders, tools.jackson.databind.json.JsonMapper json,
                       ChatBatchProperties batching) {
        this.messages = messages;
        this.senders = senders.orElse(rooms::isMember);
        this.mutes = mutes;
        this.rooms = rooms;
        this.props = props;
        this.clock = clock;
        this.limiter = new RateLimiter(props.chatRatePerSecond(), props.chatBurst(), System::nanoTime);
        // cluster: the chat bucket in PostgreSQL, charged per batch in the writer's transaction; shared-chat-limit=false
        // keeps only this node's (a player chats over one STOMP connection, so on one node; see docs/scaling.md)
        ChatStore.Charge charge = shared.isPresent() && cluster.sharedChatLimit() ? sharedLimit(props) : null;
        this.sent = Counter.builder("lobby.chat.messages").description("chat messages accepted").register(meters);
        this.refused = Counter.builder("lobby.chat.refused").description("chat messages refused (rate, size, membership, mute, busy)").register(meters);
        // accepted → stored → handed to the broker: the latency a player's line waits before its fan-out
        Timer delivered = Timer.builder("lobby.chat.deliveries").description("chat messages handed to the broker, from their acceptance")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        var publisher = new ChatPublisher(broker, json);
        this.writer = new ChatWriter(props.chatQueueCapacity(), props.chatBatchSize(), batching.chatBatchLinger(), batch -> store.insert(batch, charge),
                m -> {
                    sent.increment();
                    publisher.publish(m);
                    delivered.record(Math.max(0, Duration.between(m.sentAt(), clock.instant()).toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
                },
                m -> {
                    // the shared bucket refused it: this node's bucket gives its token back, so it counts only sent lines
                    // and stays a check the shared bucket would pass (it has seen at least this node's sent lines)
                    refused.increment();
                    limiter.refund(m.playerId());
                    return rateLimited();
                });
        io.micrometer.core.instrument.Gauge.builder("lobby.chat.queued", writer, ChatWriter::queued)
                .description("chat messages accepted but not yet stored").register(meters);
    }

    /**
     * Sends to a room's chat ({@code roomId} non-null) or the lobby channel. Refusals throw at once; the future
     * completes when the message is stored and delivered (or fails with {@code CHAT_FAILED}).
     */
    public CompletableFuture<ChatMessage> send(PlayerToken p, String roomId, String rawText) {
        var message = accept(p, roomId, rawText);
        try {
            return writer.submit(message);
        } catch (LobbyException busy) {
            refused.increment();
            throw busy;
        }
    }

    /**
     * {@link #send(PlayerToken, String, String)} for a sender that waits for nothing (the STOMP path): refusals throw
     * at once, a failure to store is handed to {@code notStored} later, on the chat writer's thread. No future per line.
     */
    public void send(PlayerToken p, String roomId, String rawText, java.util.function.Consumer<LobbyException> notStored) {
        var message = accept(p, roomId, rawText);
        try {
            writer.submit(message, notStored);
        } catch (LobbyException busy) {
            refused.increment();
            throw busy;
        }
    }

    /** The checks every line passes (membership, mute, text, rate), in this order; the message to store. */
    private ChatStore.NewMessage accept(PlayerToken p, String roomId, String rawText) {
        if (roomId != null && !senders.isMember(p.playerId(), roomId)) {
            refused.increment();
            throw LobbyException.forbidden("NOT_A_MEMBER", "only members may chat in this room");
        }
        var mute = mutes.of(p.playerId());
        if (mute.isPresent()) {
            refused.increment();
            throw LobbyException.forbidden("CHAT_MUTED", "you are muted until " + mute.get().until()
                    + (mute.get().reason() == null ? "" : ": " + mute.get().reason()));
        }
        String text = clean(rawText);
        if (!limiter.tryAcquire(p.playerId())) {
            refused.increment();
            throw rateLimited();
        }
        return new ChatStore.NewMessage(roomId == null ? LOBBY : roomId, p.playerId(), p.name(), text, clock.instant());
    }

    private LobbyException rateLimited() {
        return new LobbyException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "CHAT_RATE_LIMITED",
                "slow down: at most " + (int) props.chatRatePerSecond() + " messages per second (bursts of " + props.chatBurst() + ")");
    }

    /**
     * Profile {@code cluster}: the same bucket ({@code chat-burst} tokens, refilled at {@code chat-rate-per-second}) in
     * PostgreSQL, so a player who spreads its lines over the nodes still gets the rate once. Charged in the statement
     * that stores the batch ({@link ChatStore.Charge}): a player's k lines of a batch are granted the first
     * min(k, tokens) in the order they were accepted, the rest refused and charged nothing; a batch that fails to
     * store charges nothing either. The node's own bucket checked them first, so a spammer on one node is refused
     * before the writer's bounded queue and never reaches the database.
     */
    static ChatStore.Charge sharedLimit(LobbyProperties props) {
        // a rate of 0 (no refill, as the in-memory bucket takes it) would divide by zero in the statement
        return new ChatStore.Charge(props.chatBurst(), Math.max(props.chatRatePerSecond(), 1e-9));
    }

    /**
     * Deletes one stored message (an operator's decision): gone from history, and a room's members get a
     * {@code CHAT_DELETED} room event with its id. Lobby chat has no event: its history simply loses the line.
     * @return the message's channel, empty when there is no such message
     */
    public java.util.Optional<String> delete(long messageId) {
        var message = messages.findById(messageId);
        if (message.isEmpty()) return java.util.Optional.empty();
        String channel = message.get().getChannel();
        messages.deleteById(messageId);
        if (!LOBBY.equals(channel)) rooms.announceChatDeleted(channel, messageId);
        return java.util.Optional.of(channel);
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() {
        writer.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return writer.isRunning();
    }

    /** Newest first. */
    public Page<ChatMessage> history(String viewerId, String roomId, int page, int size) {
        if (roomId != null && !rooms.isMember(viewerId, roomId)) {
            throw LobbyException.forbidden("NOT_A_MEMBER", "only members may read this room's chat");
        }
        var pageable = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, props.maxPageSize()), Sort.by(Sort.Direction.DESC, "id"));
        return messages.findByChannel(roomId == null ? LOBBY : roomId, pageable).map(ChatMessage::of);
    }

    /** A room's (or, {@code roomId} null, the lobby's) newest messages for an operator, who need not be a member. */
    public java.util.List<ChatMessage> latestForOperator(String roomId, int size) {
        var pageable = PageRequest.of(0, Math.clamp(size, 1, props.maxPageSize()), Sort.by(Sort.Direction.DESC, "id"));
        return messages.findByChannel(roomId == null ? LOBBY : roomId, pageable).map(ChatMessage::of).getContent();
    }

    /**
     * Strips hidden characters ({@link UserText}: control, bidi, zero-width) and surrounding blanks; 1-500 characters
     * must remain. Stripped, not refused: a chat line is typed in a hurry and pasted text often carries a stray one.
     */
    static String clean(String raw) {
        if (raw == null) throw LobbyException.badRequest("INVALID_CHAT", "text is required");
        if (raw.length() > 2000) throw LobbyException.badRequest("INVALID_CHAT", "text must be 1-500 characters");
        String text = UserText.strip(raw).strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > 500) {
            throw LobbyException.badRequest("INVALID_CHAT", "text must be 1-500 characters");
        }
        return text;
    }
}
