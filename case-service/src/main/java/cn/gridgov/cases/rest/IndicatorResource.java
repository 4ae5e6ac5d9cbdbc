package cn.gridgov.cases.rest;

import cn.gridgov.cases.evaluation.Indicator;
import cn.gridgov.cases.evaluation.IndicatorReport;
import cn.gridgov.cases.evaluation.Measure;
import cn.gridgov.cases.evaluation.Slice;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 考核评价: {@code GET /api/v1/indicators?from=2026-11-01&to=2026-12-01&by=grid&area=D01} (days in the
 * town's zone, {@code to} not included), as JSON (what the console's charts read), CSV or an Excel
 * workbook ({@code format=csv|xlsx}).
 */
@Authenticated
@Path("/api/v1/indicators")
@Tag(name = ApiTags.EVALUATE)
public class IndicatorResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final IndicatorReport report;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public IndicatorResource(
            IndicatorReport report,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy) {
        this.report = report;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
    }

    /**
     * A unit's line as JSON: indicators by name (rates 0–1, null where nothing was counted) and the
     * counts they come from.
     */
    public record LineView(
            Integer rank,
            String unit,
            Double score,
            String grade,
            Map<String, Double> indicators,
            Double averageSatisfaction,
            Map<String, Long> counts) {
        static LineView of(IndicatorReport.Line line) {
            var indicators = new LinkedHashMap<String, Double>();
            for (var indicator : Indicator.values()) {
                indicators.put(indicator.field(), line.counts().rate(indicator));
            }
            var counts = new LinkedHashMap<String, Long>();
            for (var measure : Measure.values()) {
                counts.put(measure.field(), line.counts().count(measure));
            }
            return new LineView(
                    line.rank(),
                    line.unit(),
                    line.score(),
                    line.grade(),
                    indicators,
                    line.counts().averageSatisfaction(),
                    counts);
        }
    }

    public record ReportView(
            LocalDate from,
            LocalDate to,
            String by,
            String area,
            Integer schemeVersion,
            LineView total,
            List<LineView> lines) {}

    @GET
    @Produces({"application/json", "text/csv", XLSX})
    @Operation(
            summary = "The indicators",
            description =
                    "Step 8 考核评价: the indicators (cases, on time, overdue, sent back, reworked, satisfaction, the score by the score scheme) of each grid, department or person (by=grid|department|person) under an area, over a period (from and to: days), as JSON, CSV or XLSX (format or Accept). Department staff see their own department only.")
    @APIResponse(
            responseCode = "200",
            description = "One line per grid, department or person, with the score")
    @APIResponse(
            responseCode = "400",
            description =
                    "DATE_UNREADABLE, PERIOD_INVERTED, PERIOD_OPEN, PERIOD_TOO_LONG, UNKNOWN_SLICE (by), UNKNOWN_FORMAT, AREA_MISSING, AREA_NOT_FOR_SLICE, UNKNOWN_AREA, UNKNOWN_SCHEME_VERSION")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_FOR_YOUR_ROLE (no post that reads indicators), OWN_DEPARTMENT_ONLY (department staff read their own department, by department)")
    public Uni<Response> indicators(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @QueryParam("area") String area,
            @QueryParam("scheme") Integer scheme,
            @QueryParam("format") String format) {
        var slice = Slice.of(by == null ? "grid" : by);
        var start = day(from, "from");
        var end = day(to, "to");
        var shape = format == null ? "json" : format;
        if (!List.of("json", "csv", "xlsx").contains(shape)) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "UNKNOWN_FORMAT",
                    "format",
                    "format is json, csv or xlsx");
        }
        var caller = signedIn.caller();
        // The command center, supervisors, leaders and administrators read every unit (403
        // NOT_FOR_YOUR_ROLE);
        // department staff their own department's line alone (403 OWN_DEPARTMENT_ONLY for any other
        // slice).
        return directory
                .scopeOf(caller)
                .map(
                        scope ->
                                policy.kpiUnitFor(
                                        new CasePolicy.Who(caller, scope),
                                        slice == Slice.DEPARTMENT))
                .chain(
                        own ->
                                report.of(
                                        start,
                                        end,
                                        slice,
                                        area,
                                        scheme,
                                        unit -> own == null || own.equals(unit)))
                .map(
                        made -> {
                            var name =
                                    "indicators-"
                                            + slice.name().toLowerCase(Locale.ROOT)
                                            + "-"
                                            + from
                                            + "-"
                                            + to;
                            return switch (shape) {
                                case "csv" ->
                                        Response.ok(
                                                        IndicatorExport.csv(made),
                                                        "text/csv; charset=utf-8")
                                                .header(
                                                        "Content-Disposition",
                                                        "attachment; filename=\"" + name + ".csv\"")
                                                .build();
                                case "xlsx" ->
                                        Response.ok(IndicatorExport.xlsx(made), XLSX)
                                                .header(
                                                        "Content-Disposition",
                                                        "attachment; filename=\""
                                                                + name
                                                                + ".xlsx\"")
                                                .build();
                                default ->
                                        Response.ok(
                                                        new ReportView(
                                                                made.from(),
                                                                made.to(),
                                                                by == null ? "grid" : by,
                                                                made.area(),
                                                                made.schemeVersion(),
                                                                LineView.of(made.total()),
                                                                made.lines().stream()
                                                                        .map(LineView::of)
                                                                        .toList()),
                                                        "application/json")
                                                .build();
                            };
                        });
    }

    /** A day in the town's zone (2026-11-16); the roll-ups are kept per day. */
    private static LocalDate day(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "DATE_UNREADABLE",
                    field,
                    field + " must be a day like 2026-11-16");
        }
    }
}
