package dev.skirmish.orchestrator.events;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OutboxRepository extends JpaRepository<OutboxEventEntity, String> {
    List<OutboxEventEntity> findByDeliveredAtIsNullOrderByCreatedAt(Limit limit);

    List<OutboxEventEntity> findBySessionIdOrderByCreatedAt(String sessionId);

    long countByDeliveredAtIsNull();
}
