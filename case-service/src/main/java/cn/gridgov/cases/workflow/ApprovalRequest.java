package cn.gridgov.cases.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A request for more time (延时) or for parking a case (挂账); only a supervisor's approval takes effect. */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    public enum Kind { EXTENSION, PARKING }

    public enum Decision { APPROVED, REFUSED }

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** Extra working hours asked for; extensions only. */
    public BigDecimal hours;

    public String reason;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Enumerated(EnumType.STRING)
    public Decision decision;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
