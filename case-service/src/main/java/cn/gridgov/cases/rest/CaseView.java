package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import java.time.Instant;
import java.util.UUID;

/** A case as the API shows it. */
public record CaseView(UUID id, String number, UUID reportId, CaseStatus status, ReportSource source,
                       String category, String description, double longitude, double latitude, String gridCode,
                       Routing routing, Instant reportedAt, Instant updatedAt) {

    /** Where dispatch-service sent the case and by which rule; null until it has decided. */
    public record Routing(String departmentCode, String departmentName, String ruleId, Instant routedAt) {
    }

    static CaseView of(Case c) {
        var routing = c.routedDepartment == null ? null
                : new Routing(c.routedDepartment, c.routedDepartmentName, c.routingRule, c.routedAt);
        return new CaseView(c.id, c.number, c.reportId, c.status, c.source, c.category, c.description, c.longitude,
                c.latitude, c.gridCode, routing, c.reportedAt, c.updatedAt);
    }
}
