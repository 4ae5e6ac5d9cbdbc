package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.HandlerKind;
import cn.gridgov.cases.casefile.Phase;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.SubjectType;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.cases.intake.DuplicateCandidate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A case as the API shows it. */
public record CaseView(
        UUID id,
        String number,
        UUID reportId,
        CaseStatus status,
        boolean open,
        Phase phase,
        ReportSource source,
        String category,
        String description,
        double longitude,
        double latitude,
        String address,
        String gridCode,
        List<String> dedicatedGridCodes,
        Urgency urgency,
        SubjectType subjectType,
        Clock clock,
        HandlerKind handlerKind,
        Routing routing,
        UUID mergedInto,
        Record record,
        Integer satisfaction,
        Instant reportedAt,
        Instant updatedAt,
        List<DuplicateCandidate> possibleDuplicates,
        SupervisionView supervision) {

    /**
     * The current step's clock and its colour now: green, yellow from 80% of the limit, red when
     * overdue.
     */
    public record Clock(
            Step step,
            Instant startedAt,
            Instant warnAt,
            Instant dueAt,
            String color,
            int supervisionLevel) {}

    /** Where dispatch-service sent the case and by which rule; null until it has decided. */
    public record Routing(
            String departmentCode, String departmentName, String ruleId, Instant routedAt) {}

    /** What evaluation will count. */
    public record Record(int sendBackCount, int reworkCount, int overdueSteps) {}

    static CaseView of(Case c, Instant now) {
        return of(c, now, null);
    }

    static CaseView of(Case c, Instant now, List<DuplicateCandidate> duplicates) {
        var routing =
                c.routedDepartment == null
                        ? null
                        : new Routing(
                                c.routedDepartment,
                                c.routedDepartmentName,
                                c.routingRule,
                                c.routedAt);
        var clock =
                c.step == null
                        ? null
                        : new Clock(
                                c.step,
                                c.stepStartedAt,
                                c.stepWarnAt,
                                c.stepDueAt,
                                color(c, now),
                                c.supervisionLevel);
        var dedicated =
                c.dedicatedGridCodes == null || c.dedicatedGridCodes.isEmpty()
                        ? List.<String>of()
                        : List.of(c.dedicatedGridCodes.split(","));
        return new CaseView(
                c.id,
                c.number,
                c.reportId,
                c.status,
                c.status.isOpen(),
                c.status.phase(),
                c.source,
                c.category,
                c.description,
                c.longitude,
                c.latitude,
                c.address,
                c.gridCode,
                dedicated,
                c.urgency,
                c.subjectType,
                clock,
                c.handlerKind,
                routing,
                c.mergedInto,
                new Record(c.sendBackCount, c.reworkCount, c.overdueSteps),
                c.satisfaction,
                c.reportedAt,
                c.updatedAt,
                duplicates,
                null);
    }

    /**
     * The same view with the case's record of supervision (read from its timeline, so only where
     * asked for).
     */
    CaseView withSupervision(SupervisionView supervision) {
        return new CaseView(
                id,
                number,
                reportId,
                status,
                open,
                phase,
                source,
                category,
                description,
                longitude,
                latitude,
                address,
                gridCode,
                dedicatedGridCodes,
                urgency,
                subjectType,
                clock,
                handlerKind,
                routing,
                mergedInto,
                record,
                satisfaction,
                reportedAt,
                updatedAt,
                possibleDuplicates,
                supervision);
    }

    private static String color(Case c, Instant now) {
        if (c.stepDueAt != null && now.isAfter(c.stepDueAt)) {
            return "RED";
        }
        if (c.stepWarnAt != null && !now.isBefore(c.stepWarnAt)) {
            return "YELLOW";
        }
        return "GREEN";
    }
}
