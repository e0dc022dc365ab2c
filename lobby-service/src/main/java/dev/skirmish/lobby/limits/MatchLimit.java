package dev.skirmish.lobby.limits;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Concurrent matches per player: a player may leave a running match and start another from a new room, and each
 * match holds a game server. A start is refused while a member is already in {@code matches-per-player} running
 * matches (match rows in state RUNNING; the repair job ends rows whose session is over at the orchestrator).
 */
@Component
class MatchLimit {
    /** A count, not a rate: the running match ends when it ends; this is a hint for when to look again. */
    static final long RETRY_AFTER_SECONDS = 30;

    private final EntityManager em;
    private final RoomMembers rooms;
    private final LimitProperties props;

    MatchLimit(EntityManager em, RoomMembers rooms, LimitProperties props) {
        this.em = em;
        this.rooms = rooms;
        this.props = props;
    }

    void check(String roomId, String viewerId) {
        RoomMembers.Members room = rooms.of(roomId, viewerId);
        // only the owner may start; anyone else gets the start's own 403, and learns nothing about the members' matches
        if (!viewerId.equals(room.ownerId())) return;
        List<String> ids = room.playerIds();
        if (ids.isEmpty()) return;
        List<Object[]> busy = em.createQuery("select p.playerId, max(p.playerName), count(m) from MatchEntity m join m.players p"
                        + " where m.state = 'RUNNING' and p.playerId in :ids group by p.playerId", Object[].class)
                .setParameter("ids", ids).getResultList();
        for (Object[] row : busy) {
            if (((Number) row[2]).longValue() >= props.matchesPerPlayer()) {
                throw new TooManyRequests("MATCH_LIMIT", row[1] + " is still in " + row[2] + " running match(es); at most "
                        + props.matchesPerPlayer() + " at once per player", RETRY_AFTER_SECONDS);
            }
        }
    }
}
