package dev.skirmish.lobby.reports;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReportRepository extends JpaRepository<ReportEntity, Long> {
    List<ReportEntity> findByStateOrderByIdDesc(String state, Pageable page);

    List<ReportEntity> findAllByOrderByIdDesc(Pageable page);
}
