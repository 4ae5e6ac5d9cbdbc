package cn.gridgov.contracts.dispatch;

import cn.gridgov.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * dispatch.reported-for-duty (报到): a summoned department reported; {@code arrived} only within the
 * radius.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportedForDuty(
        UUID whistleId,
        UUID caseId,
        String departmentCode,
        boolean arrived,
        double distanceMeters,
        Instant at,
        String staffId,
        Actor actor) {}
