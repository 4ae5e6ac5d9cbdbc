package cn.gridgov.cases.casefile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A case: one problem in one place, from its report to its evaluation. */
@Entity
@Table(name = "cases")
public class Case {

    @Id
    public UUID id;

    /** The number people read aloud, 2026-000123. */
    public String number;

    @Column(name = "report_id")
    public UUID reportId;

    /** A digest of the report's content, to tell a retry of the same report from a different one. */
    @Column(name = "report_fingerprint")
    public String reportFingerprint;

    @Enumerated(EnumType.STRING)
    public ReportSource source;

    @Column(name = "reporter_id")
    public String reporterId;

    public String category;

    public String description;

    public double longitude;

    public double latitude;

    /** Null while grid-service could not be asked; the case is kept and located later. */
    @Column(name = "grid_code")
    public String gridCode;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

    @Column(name = "routed_department")
    public String routedDepartment;

    @Column(name = "routed_department_name")
    public String routedDepartmentName;

    @Column(name = "routing_rule")
    public String routingRule;

    @Column(name = "routed_at")
    public Instant routedAt;

    @Column(name = "reported_at")
    public Instant reportedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;

    /** Records where dispatch-service routed the case. */
    public void routedTo(String department, String departmentName, String rule, Instant at) {
        routedDepartment = department;
        routedDepartmentName = departmentName;
        routingRule = rule;
        routedAt = at;
        updatedAt = at;
    }
}
