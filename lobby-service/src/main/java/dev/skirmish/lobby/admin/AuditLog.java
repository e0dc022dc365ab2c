package dev.skirmish.lobby.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operators' audit log: who did what to whom, when and why. */
@Service
public class AuditLog {
    public static final int MAX_REASON = 500;
    public static final int MAX_PAGE = 500;

    public record Entry(Long id, Instant at, String operator, String action, String target, String reason) {
    }

    private final AuditRepository entries;
    private final Clock clock;

    AuditLog(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    @Transactional
    public Entry record(String operator, String action, String target, String reason) {
        return entries.save(new AuditEntryEntity(clock.instant(), operator, action, target, reason)).view();
    }

    /** The newest entries first. */
    @Transactional(readOnly = true)
    public List<Entry> latest(int limit) {
        return entries.findAllByOrderByIdDesc(PageRequest.of(0, Math.clamp(limit, 1, MAX_PAGE))).stream()
                .map(AuditEntryEntity::view).toList();
    }
}
