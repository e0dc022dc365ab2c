package dev.skirmish.lobby.admin;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditRepository extends JpaRepository<AuditEntryEntity, Long> {
    List<AuditEntryEntity> findAllByOrderByIdDesc(Pageable page);
}
