package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.reports.Reports;
import dev.skirmish.lobby.web.LobbyException;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators read players' reports and mark them resolved (audited). */
@RestController
public class ReportReviewController {
    private final Reports reports;
    private final AuditLog audit;

    ReportReviewController(Reports reports, AuditLog audit) {
        this.reports = reports;
        this.audit = audit;
    }

    @GetMapping("/api/admin/reports")
    public List<Reports.Report> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit) {
        if (state != null && !state.equals("OPEN") && !state.equals("RESOLVED"))
            throw LobbyException.badRequest("INVALID_REQUEST", "state is OPEN or RESOLVED");
        return reports.list(state, limit);
    }

    @PostMapping("/api/admin/reports/{id}/resolve")
    public Reports.Report resolve(@Parameter(hidden = true) @AuthenticationPrincipal String operator, @PathVariable long id,
                                  @RequestBody RoomModerationController.ReasonRequest request) {
        String reason = RoomModerationController.reason(request);
        var resolved = reports.resolve(id, operator).orElseThrow(() -> LobbyException.notFound("REPORT_NOT_FOUND", "no such report"));
        audit.record(operator, "RESOLVE_REPORT", String.valueOf(id), reason);
        return resolved;
    }
}
