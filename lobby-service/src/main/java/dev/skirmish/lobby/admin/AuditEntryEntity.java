package dev.skirmish.lobby.admin;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One operator action; rows are only ever added. */
@Entity
@Table(name = "admin_audit")
class AuditEntryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String operator;
    private String action;
    private String target;
    private String reason;

    protected AuditEntryEntity() {
    }

    AuditEntryEntity(Instant at, String operator, String action, String target, String reason) {
        this.at = at;
        this.operator = operator;
        this.action = action;
        this.target = target;
        this.reason = reason;
    }

    AuditLog.Entry view() {
        return new AuditLog.Entry(id, at, operator, action, target, reason);
    }
}
