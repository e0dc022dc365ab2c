package dev.skirmish.lobby.chat;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ChatMuteRepository extends JpaRepository<ChatMuteEntity, String> {
    List<ChatMuteEntity> findByEndsAtAfter(Instant now);

    @Transactional
    @Modifying
    @Query("delete from ChatMuteEntity m where m.endsAt <= :now")
    int deleteEnded(@Param("now") Instant now);
}
