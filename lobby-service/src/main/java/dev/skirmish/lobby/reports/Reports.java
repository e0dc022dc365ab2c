package dev.skirmish.lobby.reports;

import dev.skirmish.lobby.text.UserText;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Players' reports about other players (and optionally one chat message), for operators to review. */
@Service
public class Reports {
    static final String OPEN = "OPEN";
    static final String RESOLVED = "RESOLVED";
    public static final int MAX_REASON = 500;
    public static final int MAX_PAGE = 500;

    public record Report(Long id, Instant createdAt, String reporterId, String playerId, Long messageId, String reason,
                         String state, String resolvedBy) {
    }

    private final ReportRepository reports;
    private final Clock clock;

    Reports(ReportRepository reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @Transactional
    public Report file(String reporterId, String playerId, Long messageId, String rawReason) {
        if (playerId == null || !playerId.matches("[A-Za-z0-9-]{1,36}"))
            throw LobbyException.badRequest("INVALID_REPORT", "playerId is required (a player id)");
        if (rawReason == null || rawReason.isBlank() || rawReason.length() > MAX_REASON)
            throw LobbyException.badRequest("INVALID_REPORT", "reason must be 1-" + MAX_REASON + " characters");
        String reason = UserText.requireShown(rawReason.strip(), "INVALID_REPORT", "reason");
        return reports.save(new ReportEntity(clock.instant(), reporterId, playerId, messageId, reason)).view();
    }

    /** Newest first; {@code state} OPEN, RESOLVED or null for all. */
    @Transactional(readOnly = true)
    public List<Report> list(String state, int limit) {
        var page = PageRequest.of(0, Math.clamp(limit, 1, MAX_PAGE));
        var rows = state == null ? reports.findAllByOrderByIdDesc(page) : reports.findByStateOrderByIdDesc(state, page);
        return rows.stream().map(ReportEntity::view).toList();
    }

    @Transactional
    public Optional<Report> resolve(long id, String operator) {
        return reports.findById(id).map(r -> {
            r.resolve(operator);
            return r.view();
        });
    }
}
