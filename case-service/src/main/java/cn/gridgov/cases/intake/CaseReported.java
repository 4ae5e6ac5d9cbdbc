package cn.gridgov.cases.intake;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.ReportSource;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of a {@code case.reported} event (schema: events/case.reported.schema.json). Kept apart
 * from the entity so the contract changes only on purpose.
 */
public record CaseReported(UUID caseId, String number, UUID reportId, ReportSource source, String category,
                           String description, double longitude, double latitude, String gridCode,
                           Instant reportedAt) {

    public static final String TYPE = "case.reported";

    static CaseReported of(Case c) {
        return new CaseReported(c.id, c.number, c.reportId, c.source, c.category, c.description, c.longitude,
                c.latitude, c.gridCode, c.reportedAt);
    }
}
