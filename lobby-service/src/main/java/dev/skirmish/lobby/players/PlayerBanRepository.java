package dev.skirmish.lobby.players;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PlayerBanRepository extends JpaRepository<PlayerBanEntity, String> {
    /** Bans whose end has passed, a batch at a time. */
    @Query("select b.playerId from PlayerBanEntity b where b.endsAt <= :now")
    List<String> endedBefore(@Param("now") Instant now, Pageable page);

    List<PlayerBanEntity> findAllByOrderByBannedAtDesc(Pageable page);

    /** Bans made since {@code since}, whatever node made them. */
    List<PlayerBanEntity> findByBannedAtAfter(Instant since, Pageable page);
}
