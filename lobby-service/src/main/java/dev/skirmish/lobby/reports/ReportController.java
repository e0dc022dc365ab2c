package dev.skirmish.lobby.reports;

import dev.skirmish.lobby.limits.Limited;
import dev.skirmish.lobby.security.PlayerToken;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A player reports another; operators list them under {@code /api/admin/reports}. */
@RestController
public class ReportController {
    public record ReportRequest(String playerId, String reason, Long messageId) {
    }

    public record Filed(Long id, String state) {
    }

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    @PostMapping("/api/reports")
    @Limited(Limited.Kind.REPORT)
    @ResponseStatus(HttpStatus.CREATED)
    public Filed report(@Parameter(hidden = true) @AuthenticationPrincipal PlayerToken player, @RequestBody ReportRequest request) {
        var r = reports.file(player.playerId(), request.playerId(), request.messageId(), request.reason());
        return new Filed(r.id(), r.state());
    }
}
