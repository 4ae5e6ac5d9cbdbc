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
import org.jboss.logging.Logger;

/** A case: one problem in one place, from its report to its evaluation. */
@Entity
@Table(name = "cases")
public class Case {

    private static final Logger LOG = Logger.getLogger(Case.class);

    @Id public UUID id;

    /** The number people read aloud, 2026-000123. */
    public String number;

    @Column(name = "report_id")
    public UUID reportId;

    /**
     * A digest of the report's content, to tell a retry of the same report from a different one.
     */
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

    /** Where it is in words, as the reporter gave it. */
    public String address;

    /** Null while grid-service could not be asked; the case is kept and located later. */
    @Column(name = "grid_code")
    public String gridCode;

    /** True while the grid is still to be found (grid-service was out when the report came). */
    @Column(name = "location_pending")
    public boolean locationPending;

    /** Dedicated grids (专属网格) over the case's location, comma-separated. */
    @Column(name = "dedicated_grid_codes")
    public String dedicatedGridCodes = "";

    /**
     * Whether the matter concerns a natural or a legal person: districts handle legal persons (福田).
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

    /**
     * {@link CaseStatus#isOpen()} of the status, kept beside it so SQL asks one column what "open"
     * means.
     */
    @Column(name = "is_open")
    public boolean open;

    @Enumerated(EnumType.STRING)
    public Urgency urgency;

    /** The step whose clock runs now, and that clock. */
    @Enumerated(EnumType.STRING)
    public Step step;

    @Column(name = "step_started_at")
    public Instant stepStartedAt;

    @Column(name = "step_warn_at")
    public Instant stepWarnAt;

    @Column(name = "step_due_at")
    public Instant stepDueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "handler_kind")
    public HandlerKind handlerKind;

    @Column(name = "merged_into")
    public UUID mergedInto;

    /** Times a department sent the case back: each counts against accurate dispatch. */
    @Column(name = "send_back_count")
    public int sendBackCount;

    @Column(name = "rework_count")
    public int reworkCount;

    /** Steps finished after their deadline; zero means the case ran on time. */
    @Column(name = "overdue_steps")
    public int overdueSteps;

    @Column(name = "supervision_level")
    public int supervisionLevel;

    public Integer satisfaction;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /**
     * Length and last hash of the timeline, so the next entry can be chained without reading it.
     */
    @Column(name = "timeline_length")
    public int timelineLength;

    @Column(name = "timeline_hash")
    public String timelineHash;

    @Column(name = "routed_department")
    public String routedDepartment;

    @Column(name = "routed_department_name")
    public String routedDepartmentName;

    @Column(name = "routing_rule")
    public String routingRule;

    @Column(name = "routed_at")
    public Instant routedAt;

    /** Departments that co-handle (协办) beside the lead, comma-separated; empty when none. */
    @Column(name = "co_handling_departments")
    public String coHandlingDepartments = "";

    /**
     * Departments a whistle has summoned to the case, comma-separated: they read it, and hold no
     * other right over it by that alone.
     */
    @Column(name = "summoned_departments")
    public String summonedDepartments = "";

    @Column(name = "reported_at")
    public Instant reportedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version public int version;

    /** A new case's first status, with its step's clock. */
    public void start(CaseStatus first, StepClock clock) {
        status = first;
        open = first.isOpen();
        step = clock.step();
        stepStartedAt = clock.startedAt();
        stepWarnAt = clock.warnAt();
        stepDueAt = clock.dueAt();
    }

    /**
     * The one place the status changes after that. A step left after its deadline is counted as
     * overdue; the new step's clock comes from the catalogue and the working calendar.
     */
    public void moveTo(CaseStatus to, String command, StepClock clock) {
        if (!status.canMoveTo(to)) {
            throw new UnsupportedTransition(this, to, command);
        }
        var now = clock.startedAt();
        if (stepDueAt != null
                && now.isAfter(stepDueAt)
                && (step == null || step.chargedWhenLate())) {
            overdueSteps++;
        }
        LOG.infof("case %s moves from %s to %s (%s)", number, status, to, command);
        status = to;
        open = to.isOpen();
        step = clock.step();
        stepStartedAt = now;
        stepWarnAt = clock.warnAt();
        stepDueAt = clock.dueAt();
        supervisionLevel = 0;
        updatedAt = now;
    }

    /**
     * Moves the current step's deadline, as an approved extension (延时) does; the case turns green
     * again. A step already overdue when the extension is granted stays counted as late.
     */
    public void extendStep(StepClock clock) {
        if (stepDueAt != null && clock.startedAt().isAfter(stepDueAt)) {
            overdueSteps++;
        }
        stepWarnAt = clock.warnAt();
        stepDueAt = clock.dueAt();
        supervisionLevel = 0;
        updatedAt = clock.startedAt();
    }

    /** Records where dispatch-service routed the case. */
    public void routedTo(String department, String departmentName, String rule, Instant at) {
        routedDepartment = department;
        routedDepartmentName = departmentName;
        routingRule = rule;
        routedAt = at;
        updatedAt = at;
    }
}
