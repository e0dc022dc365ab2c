package dev.skirmish.lobby.matches;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MatchRepository extends JpaRepository<MatchEntity, String> {
    @Query(value = "select m from MatchEntity m where exists (select 1 from MatchEntity m2 join m2.players p where m2 = m and (p.playerId = :player or lower(p.playerName) = lower(:player)))")
    Page<MatchEntity> findByPlayer(@Param("player") String player, Pageable page);

    Page<MatchEntity> findByState(String state, Pageable page);

    long countByState(String state);

    long countByStartedAtAfter(java.time.Instant since);

    Optional<MatchEntity> findBySessionId(String sessionId);

    /** A room's matches in a state (RUNNING: at most one, the one an operator's kick reaches). */
    List<MatchEntity> findByRoomIdAndState(String roomId, String state);

    /** The oldest matches in a state (the repair job's batch of RUNNING ones). */
    List<MatchEntity> findTop200ByStateOrderByStartedAt(String state);
}
