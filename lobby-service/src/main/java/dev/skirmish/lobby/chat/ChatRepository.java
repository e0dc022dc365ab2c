package dev.skirmish.lobby.chat;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ChatRepository extends JpaRepository<ChatMessageEntity, Long> {
    Page<ChatMessageEntity> findByChannel(String channel, Pageable page);
}
