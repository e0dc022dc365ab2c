package dev.skirmish.orchestrator.sessions;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SessionRepository extends JpaRepository<SessionEntity, String> {
    List<SessionEntity> findByStateOrderByCreatedAtDesc(SessionState state);

    List<SessionEntity> findByStateIn(Collection<SessionState> states);

    long countByState(SessionState state);

    List<SessionEntity> findAllByOrderByCreatedAtDesc(org.springframework.data.domain.Limit limit);
}
