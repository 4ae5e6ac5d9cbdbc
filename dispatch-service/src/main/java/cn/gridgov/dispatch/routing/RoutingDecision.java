package cn.gridgov.dispatch.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a case stands with dispatch: the current lead and co-handlers, by which rule or whose
 * override, and whether the lead has accepted it.
 *
 * <pre>
 *  (case.accepted) ──route──▶ ROUTED ──accept──▶ ACCEPTED
 *                               │  ▲
 *                   send back ──┘  └── routed again without the departments that sent it back
 *  a dispatcher's override puts it back to ROUTED with the departments the dispatcher chose
 *  case-service refusing one of its events (case.dispatch-refused) puts it in line with the case:
 *  its handler, ACCEPTED once the case is handled, ROUTED while it waits for a department
 * </pre>
 */
@Entity
@Table(name = "routing_decision")
public class RoutingDecision {

    public enum State {
        ROUTED,
        ACCEPTED
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "case_number")
    public String caseNumber;

    public String category;

    @Column(name = "grid_code")
    public String gridCode;

    @Enumerated(EnumType.STRING)
    public RoutingMode mode;

    @Column(name = "department_code")
    public String departmentCode;

    @Column(name = "department_name")
    public String departmentName;

    /** Comma-separated department codes of the co-handlers (协办). */
    @Column(name = "co_handlers")
    public String coHandlers = "";

    @Column(name = "rule_id")
    public String ruleId;

    public String reason;

    @Column(name = "overridden_by")
    public String overriddenBy;

    @Column(name = "override_reason")
    public String overrideReason;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "accepted_by")
    public String acceptedBy;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "send_back_count")
    public int sendBackCount;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** How many of this decision's events case-service refused (case.dispatch-refused). */
    @Column(name = "refusal_count")
    public int refusalCount;

    /** The last refusal, in case-service's words. */
    @Column(name = "last_refusal")
    public String lastRefusal;

    /** When the decision was last brought back in line with case-service after a refusal. */
    @Column(name = "refused_at")
    public Instant refusedAt;

    @Version public int version;

    public List<String> coHandlerCodes() {
        return Csv.split(coHandlers);
    }
}
