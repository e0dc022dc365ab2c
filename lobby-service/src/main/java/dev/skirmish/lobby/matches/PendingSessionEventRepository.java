package dev.skirmish.lobby.matches;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PendingSessionEventRepository extends JpaRepository<PendingSessionEvent, String> {
    List<PendingSessionEvent> findBySessionIdOrderByReceivedAt(String sessionId);
}
