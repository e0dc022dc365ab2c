package dev.skirmish.lobby.housekeeping;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.limits.LimitProperties;
import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.rooms.RoomEvent;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seats nobody uses: a seated player with no WebSocket open and no authenticated request for {@code idle-room-ttl}
 * leaves its OPEN room, as after a disconnect, so a room whose members never connected empties and is then removed
 * like any empty room. Rooms in a match are left alone (players may be on UDP only); the end of a match counts as a
 * sign of life of its players. Also cleans the presence map of players long gone.
 */
@Component
public class IdleSeats {
    private static final Logger log = LoggerFactory.getLogger(IdleSeats.class);

    private final RoomService rooms;
    private final PresenceRegistry presence;
    private final LimitProperties limits;
    private final LobbyProperties lobby;
    private final Clock clock;

    IdleSeats(RoomService rooms, PresenceRegistry presence, LimitProperties limits, LobbyProperties lobby, Clock clock) {
        this.rooms = rooms;
        this.presence = presence;
        this.limits = limits;
        this.lobby = lobby;
        this.clock = clock;
    }

    /** @return players who lost their seat in this sweep */
    public int sweep() {
        Instant now = clock.instant();
        Instant idleSince = now.minus(limits.idleRoomTtl());
        Set<String> seated = rooms.seatedPlayers();
        // one read of who is connected (a query per player on a cluster node, for every seated player of the other nodes)
        Set<String> connected = presence.connectedOf(seated);
        int left = 0;
        for (String playerId : seated) {
            if (connected.contains(playerId)) continue;
            // never seen since a restart: the reconnect window of StompSessions decides about those
            Instant seen = presence.lastSeen(playerId);
            if (seen == null || seen.isAfter(idleSince)) continue;
            String roomId = rooms.roomOf(playerId).orElse(null);
            if (roomId == null) continue;
            try {
                if (rooms.get(roomId, null).state() != RoomState.OPEN) continue;
            } catch (LobbyException gone) {
                continue;
            }
            log.info("player {} has not been seen for {}; it leaves room {}", playerId, limits.idleRoomTtl(), roomId);
            rooms.leaveAfterDisconnect(playerId);
            left++;
        }
        Instant forgetBefore = now.minus(lobby.lastSeenRead());
        // the seats read once above, not a seat lookup per remembered player: on a cluster node that lookup is a
        // PostgreSQL query, and every seated player whose REST calls came here but whose socket is on another node
        // stays remembered, so it was asked again at every sweep (docs/benchmarks.md, wake22)
        presence.forgetIdle(forgetBefore, seated::contains);
        return left;
    }

    @EventListener
    public void matchOver(RoomEvent e) {
        if ("ENDED".equals(e.type()) && e.room() != null) e.room().players().forEach(p -> presence.touch(p.id()));
    }
}
