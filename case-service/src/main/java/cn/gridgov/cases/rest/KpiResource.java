package cn.gridgov.cases.rest;

import cn.gridgov.cases.catalogue.CalendarConfig;
import cn.gridgov.cases.kpi.Indicators;
import cn.gridgov.cases.kpi.KpiReport;
import cn.gridgov.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Monday meeting's figures: {@code GET /api/v1/kpis?from=2026-11-16&to=2026-11-23&by=grid}
 * (days in the town's time zone, {@code to} exclusive), as JSON or, with {@code format=csv}, as CSV.
 */
@Authenticated
@Path("/api/v1/kpis")
public class KpiResource {

    private static final String CSV_HEADER = "unit,reported,answered,answered_rate,closed,on_time_closure_rate,"
            + "rework_rate,solved_in_grid_rate,dispatched,accurate_dispatch_rate,evaluated,satisfaction_rate,average_satisfaction";

    private final KpiReport report;
    private final ZoneId zone;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public KpiResource(KpiReport report, CalendarConfig calendar, SignedIn signedIn,
                       StaffDirectory directory, CasePolicy policy) {
        this.report = report;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
        this.zone = calendar.zone();
    }

    public record Row(Indicators counts, Double onTimeClosureRate, Double reworkRate, Double accurateDispatchRate,
                      Double solvedInGridRate, Double answeredRate, Double satisfactionRate) {
        static Row of(Indicators i) {
            return new Row(i, i.onTimeClosureRate(), i.reworkRate(), i.accurateDispatchRate(), i.solvedInGridRate(),
                    i.answeredRate(), i.satisfactionRate());
        }
    }

    @GET
    @Produces({"application/json", "text/csv"})
    public Uni<Response> kpis(@QueryParam("from") @NotNull String from, @QueryParam("to") @NotNull String to,
                              @QueryParam("by") String by, @QueryParam("format") String format) {
        var unit = switch (by == null ? "grid" : by) {
            case "grid" -> KpiReport.Unit.GRID;
            case "department" -> KpiReport.Unit.DEPARTMENT;
            default -> throw new Problem(Problem.Kind.INVALID, "UNIT_UNKNOWN", "by", "by is grid or department");
        };
        var csv = "csv".equals(format);
        var start = instant(from, "from");
        var end = instant(to, "to");
        var caller = signedIn.caller();
        // The command center, supervisors, leaders and administrators read every unit (403 NOT_FOR_YOUR_ROLE);
        // department staff their own department's row alone (403 OWN_DEPARTMENT_ONLY by grid).
        return directory.scopeOf(caller).map(scope -> policy.kpiUnitFor(new CasePolicy.Who(caller, scope),
                        unit == KpiReport.Unit.DEPARTMENT))
                .chain(only -> report.of(unit, start, end).map(rows -> only == null ? rows
                        : rows.stream().filter(row -> only.equals(row.unit())).toList()))
                .map(rows -> csv
                        ? Response.ok(csv(rows), "text/csv; charset=utf-8")
                                .header("Content-Disposition", "attachment; filename=\"kpis-" + by(by) + "-" + from + "-" + to + ".csv\"").build()
                        : Response.ok(rows.stream().map(Row::of).toList(), "application/json").build());
    }

    /** A day (2026-11-16, from its start in the town's zone) or a moment (2026-11-16T08:30:00+08:00). */
    private Instant instant(String text, String field) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Problem(Problem.Kind.INVALID, "DATE_UNREADABLE", field, field + " must be a day like 2026-11-16 or a moment like 2026-11-16T08:30:00+08:00");
        }
    }

    private static String by(String by) {
        return by == null ? "grid" : by;
    }

    private static String csv(List<Indicators> rows) {
        return rows.stream().map(i -> String.join(",", quoted(i.unit()), n(i.reported()), n(i.answered()), r(i.answeredRate()),
                        n(i.closed()), r(i.onTimeClosureRate()), r(i.reworkRate()), r(i.solvedInGridRate()), n(i.dispatched()),
                        r(i.accurateDispatchRate()), n(i.evaluated()), r(i.satisfactionRate()),
                        i.averageSatisfaction() == null ? "" : String.format(Locale.ROOT, "%.2f", i.averageSatisfaction())))
                .collect(Collectors.joining("\n", CSV_HEADER + "\n", "\n"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    private static String r(Double rate) {
        return rate == null ? "" : String.format(Locale.ROOT, "%.4f", rate);
    }
}
