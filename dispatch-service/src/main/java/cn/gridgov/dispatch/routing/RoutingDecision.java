package cn.gridgov.dispatch.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Where a case was sent, by which rule, and in answer to which event. */
@Entity
@Table(name = "routing_decision")
public class RoutingDecision {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "case_number")
    public String caseNumber;

    public String category;

    @Column(name = "grid_code")
    public String gridCode;

    @Column(name = "department_code")
    public String departmentCode;

    @Column(name = "department_name")
    public String departmentName;

    @Column(name = "rule_id")
    public String ruleId;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
