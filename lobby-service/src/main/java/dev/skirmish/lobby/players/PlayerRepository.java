package dev.skirmish.lobby.players;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface PlayerRepository extends JpaRepository<PlayerEntity, String> {
    /** Players whose name equals, regardless of case, the one {@code nameKey} ({@link PlayerEntity#key}) was made from. */
    List<PlayerEntity> findByNameKey(String nameKey);

    /** An operator's search: names starting with {@code prefix} (lower case), newest first, one page. */
    List<PlayerEntity> findByNameKeyStartingWithOrderByCreatedAtDesc(String prefix, org.springframework.data.domain.Pageable page);

    List<PlayerEntity> findByTokensRevokedAtAfter(Instant since);

    @Transactional
    @Modifying
    @Query("update PlayerEntity p set p.tokensRevokedAt = :at where p.id = :id")
    int revokeTokens(@Param("id") String id, @Param("at") Instant at);
}
