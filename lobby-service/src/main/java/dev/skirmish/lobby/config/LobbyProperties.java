package dev.skirmish.lobby.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every lobby setting, prefix {@code skirmish.lobby}.
 *
 * @param orchestratorUrl     base URL of the session orchestrator (default http://127.0.0.1:8081)
 * @param orchestratorTimeout how long a session request may take; the orchestrator answers once the game server is READY (default 30s)
 * @param tokenSecret         HMAC secret for player bearer tokens; empty = random per process, so tokens die with a restart (default empty)
 * @param tokenTtl            lifetime of a player token (default 1h)
 * @param refreshGrace        how long after expiry a token may still be refreshed (default 15m)
 * @param nameHold            a guest name stays reserved this long after its player's last request, unless seated or connected (default 2m)
 * @param emptyRoomTtl        an empty room is removed after this long unless someone joins (default 300s)
 * @param countdown           start countdown (default 5s)
 * @param reconnectWindow     a WebSocket disconnect keeps the player's seat this long (default 30s)
 * @param chatRatePerSecond   sustained chat messages per second per player (default 5)
 * @param chatBurst           chat burst per player (default 10)
 * @param chatQueueCapacity   chat messages accepted but not yet stored; when full, senders get CHAT_BUSY (default 10000)
 * @param chatBatchSize       most chat messages stored in one transaction (default 500)
 * @param maxCapacity         largest room capacity a player may choose; the game is built for 2-8 (default 8; the chat
 *                            load harness raises it to seat rooms of 10)
 * @param matchSeconds        match length requested from the orchestrator when a room does not choose one (default 180)
 * @param minMatchSeconds     shortest match a room may choose with {@code matchSeconds} (default 30)
 * @param maxMatchSeconds     longest match a room may choose with {@code matchSeconds} (default 3600)
 * @param maxPageSize         largest accepted {@code size} for paged lists (default 100)
 * @param orphanSessionWait   how long a start waits for the orchestrator to let go of a room whose leftover session
 *                            (from a launch cut short by a lobby restart) the lobby has just ended (default 15s)
 * @param wsSendTimeLimit     a STOMP client whose socket takes longer than this to accept a message is disconnected,
 *                            so a client that stops reading cannot hold up anyone else (default 10s)
 * @param wsSendBufferLimit   a STOMP client with more than this waiting to be sent to it is disconnected (default 512KB)
 */
@ConfigurationProperties("skirmish.lobby")
public record LobbyProperties(
        @DefaultValue("http://127.0.0.1:8081") URI orchestratorUrl,
        @DefaultValue("30s") Duration orchestratorTimeout,
        @DefaultValue("") String tokenSecret,
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("15m") Duration refreshGrace,
        @DefaultValue("2m") Duration nameHold,
        @DefaultValue("300s") Duration emptyRoomTtl,
        @DefaultValue("5s") Duration countdown,
        @DefaultValue("30s") Duration reconnectWindow,
        @DefaultValue("5") double chatRatePerSecond,
        @DefaultValue("10") int chatBurst,
        @DefaultValue("10000") int chatQueueCapacity,
        @DefaultValue("500") int chatBatchSize,
        @DefaultValue("8") int maxCapacity,
        @DefaultValue("180") int matchSeconds,
        @DefaultValue("30") int minMatchSeconds,
        @DefaultValue("3600") int maxMatchSeconds,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("15s") Duration orphanSessionWait,
        @DefaultValue("10s") Duration wsSendTimeLimit,
        @DefaultValue("512KB") DataSize wsSendBufferLimit) {

    /** The longest a player's last-seen time is read: name holds and reconnect windows look no further back. */
    public Duration lastSeenRead() {
        return nameHold.compareTo(reconnectWindow) > 0 ? nameHold : reconnectWindow;
    }
}
