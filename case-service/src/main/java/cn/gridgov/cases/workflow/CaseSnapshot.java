package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.SubjectType;
import cn.gridgov.cases.casefile.Urgency;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What every case event carries (schema: events/case-snapshot.schema.json), so a consumer can keep
 * its own view of a case from the events alone. Kept apart from the entity so the contract changes
 * only on purpose.
 */
public record CaseSnapshot(UUID caseId, String number, CaseStatus status, String category, Urgency urgency,
                           ReportSource source, String gridCode, List<String> dedicatedGridCodes, double longitude,
                           double latitude, SubjectType subjectType, Step step, Instant stepStartedAt,
                           Instant stepWarnAt, Instant stepDueAt, String handlerDepartment, Actor actor) {

    public static CaseSnapshot of(Case c, Actor actor) {
        var dedicated = c.dedicatedGridCodes == null || c.dedicatedGridCodes.isEmpty()
                ? List.<String>of() : Arrays.asList(c.dedicatedGridCodes.split(","));
        return new CaseSnapshot(c.id, c.number, c.status, c.category, c.urgency, c.source, c.gridCode, dedicated,
                c.longitude, c.latitude, c.subjectType, c.step, c.stepStartedAt, c.stepWarnAt, c.stepDueAt,
                c.routedDepartment, actor);
    }
}
