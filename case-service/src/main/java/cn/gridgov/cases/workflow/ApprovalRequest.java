package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.CaseStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A request for more time (延时) or for parking a case (挂账); only a supervisor's approval takes
 * effect.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    /**
     * What may be asked, in which status, and where an approval takes the case. Decisions switch
     * over the kinds exhaustively, so a new kind is a compile error until its approval is written.
     */
    public enum Kind {
        /** 延时: the step's deadline moves; the case stays where it is. */
        EXTENSION(CaseStatus.HANDLING, CaseStatus.HANDLING),
        /** 挂账: the case waits, without a handler's clock, until its review date. */
        PARKING(CaseStatus.HANDLING, CaseStatus.PARKED);

        private final CaseStatus askedIn;
        private final CaseStatus target;

        Kind(CaseStatus askedIn, CaseStatus target) {
            this.askedIn = askedIn;
            this.target = target;
        }

        /** The status a case must be in to ask (and still be in when the decision comes). */
        public CaseStatus askedIn() {
            return askedIn;
        }

        /** The status an approval leaves the case in. */
        public CaseStatus target() {
            return target;
        }
    }

    public enum Decision {
        APPROVED,
        REFUSED
    }

    @Id public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** Extra working hours asked for; extensions only. */
    public BigDecimal hours;

    public String reason;

    /** The day a parked case comes back for review; parking only. */
    @Column(name = "review_on")
    public LocalDate reviewOn;

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
