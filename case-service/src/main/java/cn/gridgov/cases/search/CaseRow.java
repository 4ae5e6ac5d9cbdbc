package cn.gridgov.cases.search;

import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A case as a search lists it: enough to pick it out, its clock's colour now, and where to find it.
 */
public record CaseRow(
        UUID id,
        String number,
        CaseStatus status,
        boolean open,
        Step step,
        CaseQuery.ClockColour clock,
        Instant stepWarnAt,
        Instant stepDueAt,
        String category,
        String description,
        String address,
        String gridCode,
        List<String> dedicatedGridCodes,
        String departmentCode,
        String departmentName,
        List<String> coHandlingDepartments,
        ReportSource source,
        String reporterId,
        Urgency urgency,
        double longitude,
        double latitude,
        Instant reportedAt,
        Instant closedAt) {

    static CaseRow of(Row row, Instant now) {
        var status = CaseStatus.valueOf(row.getString("status"));
        var step = row.getString("step") == null ? null : Step.valueOf(row.getString("step"));
        var warn = instant(row.getOffsetDateTime("step_warn_at"));
        var due = instant(row.getOffsetDateTime("step_due_at"));
        return new CaseRow(
                row.getUUID("id"),
                row.getString("number"),
                status,
                row.getBoolean("is_open"),
                step,
                colour(step, warn, due, now),
                warn,
                due,
                row.getString("category"),
                row.getString("description"),
                row.getString("address"),
                row.getString("grid_code"),
                list(row.getString("dedicated_grid_codes")),
                row.getString("routed_department"),
                row.getString("routed_department_name"),
                list(row.getString("co_handling_departments")),
                ReportSource.valueOf(row.getString("source")),
                row.getString("reporter_id"),
                row.getString("urgency") == null ? null : Urgency.valueOf(row.getString("urgency")),
                row.getDouble("longitude"),
                row.getDouble("latitude"),
                instant(row.getOffsetDateTime("reported_at")),
                instant(row.getOffsetDateTime("closed_at")));
    }

    /**
     * The same colours as the case view: red once overdue, yellow from the warning time, green
     * before.
     */
    static CaseQuery.ClockColour colour(Step step, Instant warn, Instant due, Instant now) {
        if (step == null) {
            return CaseQuery.ClockColour.NONE;
        }
        if (due != null && now.isAfter(due)) {
            return CaseQuery.ClockColour.RED;
        }
        if (warn != null && !now.isBefore(warn)) {
            return CaseQuery.ClockColour.YELLOW;
        }
        return CaseQuery.ClockColour.GREEN;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank()
                ? List.of()
                : Arrays.asList(commaSeparated.split(","));
    }
}
