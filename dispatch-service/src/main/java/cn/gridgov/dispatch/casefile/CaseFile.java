package cn.gridgov.dispatch.casefile;

import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.dispatch.routing.Csv;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The case as case-service last announced it; dispatch-service's own view, never case-service's
 * tables. Written only by the case-event consumer's SQL ({@link CaseFiles#saveAll}); for Hibernate
 * it is read-only, so a request that read a file (to check a command against it) can never write
 * its copy back over a newer snapshot the consumer saved meanwhile.
 */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "case_file")
public class CaseFile {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    public String number;
    public String status;

    /**
     * Whether case-service says the case still needs someone to act; null until an event has said.
     */
    public Boolean open;

    public String category;
    public String urgency;

    @Column(name = "grid_code")
    public String gridCode;

    @Column(name = "dedicated_grid_codes")
    public String dedicatedGridCodes = "";

    public Double longitude;
    public Double latitude;

    @Column(name = "subject_type")
    public String subjectType;

    public String step;

    @Column(name = "step_started_at")
    public Instant stepStartedAt;

    @Column(name = "step_warn_at")
    public Instant stepWarnAt;

    @Column(name = "step_due_at")
    public Instant stepDueAt;

    /**
     * Who handles the case's current step, as case-service's snapshot says (a department code,
     * GRID, or null).
     */
    @Column(name = "handler_department")
    public String handlerDepartment;

    @Column(name = "last_event_at")
    public Instant lastEventAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> dedicatedGrids() {
        return Csv.split(dedicatedGridCodes);
    }

    /** case-service's snapshot said the case is no longer open: no timer, no whistle. */
    public boolean ended() {
        return Boolean.FALSE.equals(open);
    }

    public boolean located() {
        return longitude != null && latitude != null;
    }

    /**
     * Takes what the snapshot says; a field the event left out keeps what we knew. A snapshot that
     * says whether the case is open is whole (version 2): its step is taken as it is, none included
     * (no step's clock runs, as while the case is parked).
     */
    void apply(CaseSnapshot s, Instant eventTime, Instant now) {
        number = s.number() != null ? s.number() : number;
        status = s.status() != null ? s.status() : status;
        open = s.open() != null ? s.open() : open;
        category = s.category() != null ? s.category() : category;
        urgency = s.urgency() != null ? s.urgency() : urgency;
        gridCode = s.gridCode() != null ? s.gridCode() : gridCode;
        if (s.dedicatedGridCodes() != null) {
            dedicatedGridCodes = Csv.join(s.dedicatedGridCodes());
        }
        longitude = s.longitude() != null ? s.longitude() : longitude;
        latitude = s.latitude() != null ? s.latitude() : latitude;
        subjectType = s.subjectType() != null ? s.subjectType() : subjectType;
        // The step and its timers travel together: take all of them or none.
        if (s.step() != null || s.open() != null) {
            step = s.step();
            stepStartedAt = s.stepStartedAt();
            stepWarnAt = s.stepWarnAt();
            stepDueAt = s.stepDueAt();
            handlerDepartment = s.handlerDepartment();
        }
        lastEventAt = eventTime;
        updatedAt = now;
    }
}
