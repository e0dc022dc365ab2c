package dev.skirmish.lobby.reports;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "player_reports")
class ReportEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant createdAt;
    private String reporterId;
    private String playerId;
    private Long messageId;
    private String reason;
    private String state;
    private String resolvedBy;

    protected ReportEntity() {
    }

    ReportEntity(Instant createdAt, String reporterId, String playerId, Long messageId, String reason) {
        this.createdAt = createdAt;
        this.reporterId = reporterId;
        this.playerId = playerId;
        this.messageId = messageId;
        this.reason = reason;
        this.state = Reports.OPEN;
    }

    void resolve(String operator) {
        this.state = Reports.RESOLVED;
        this.resolvedBy = operator;
    }

    Reports.Report view() {
        return new Reports.Report(id, createdAt, reporterId, playerId, messageId, reason, state, resolvedBy);
    }
}
