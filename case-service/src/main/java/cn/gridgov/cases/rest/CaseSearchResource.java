package cn.gridgov.cases.rest;

import cn.gridgov.cases.catalogue.CalendarConfig;
import cn.gridgov.cases.grid.GridTree;
import cn.gridgov.cases.search.CaseQuery;
import cn.gridgov.cases.search.CaseQueryReader;
import cn.gridgov.cases.search.CaseRow;
import cn.gridgov.cases.search.CaseSearch;
import cn.gridgov.cases.search.ReadScope;
import cn.gridgov.cases.search.SearchConfig;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code GET /api/v1/cases}: find cases by status, step, clock colour, grid (and the areas above
 * it), department, category, source, reporter, period, text and place, a page at a time, as JSON or
 * as CSV ({@code Accept: text/csv} or {@code format=csv}). Who sees which cases is {@link
 * CasePolicy#readRule}.
 */
@Authenticated
@Path("/api/v1/cases")
@Tag(name = ApiTags.CASES)
public class CaseSearchResource {

    /**
     * One operation in the API document, answered as JSON or CSV by two methods: both say the same.
     */
    private static final String SEARCH = "Search cases, as JSON or CSV";

    private static final String SEARCH_DESCRIPTION =
            "Cases matching every filter given. As JSON a page at a time; as CSV (Accept: text/csv or"
                    + " format=csv) every match up to the configured maximum, streamed, UTF-8 with a"
                    + " byte-order mark so Excel shows the Chinese text as written. Query parameters,"
                    + " each optional and repeatable where it is a list: status, step, colour (GREEN,"
                    + " YELLOW, RED), area (a grid or any area above it), department, category (a code"
                    + " or its prefix), source, reporter, from and to (days or moments), text (words in"
                    + " the description or address), near=lon,lat with radius (metres), sort and"
                    + " direction, count=true, limit and after (the cursor of the previous page). Who"
                    + " sees which cases: everything for the command center, a post's grids, a"
                    + " department's cases.";

    private static final String SEARCH_ANSWER =
            "JSON: a page of cases, the cursor of the next, and the count when asked; CSV: one case a"
                    + " line";

    static final String CSV = "text/csv";

    private final CaseSearch search;
    private final GridTree tree;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;
    private final CaseQueryReader reader;
    private final Clock clock;
    private final int csvMaxRows;
    private final ZoneId zone;

    public CaseSearchResource(
            CaseSearch search,
            GridTree tree,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy,
            Clock clock,
            CalendarConfig calendar,
            SearchConfig config) {
        this.search = search;
        this.tree = tree;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
        this.zone = calendar.zone();
        this.reader = new CaseQueryReader(zone);
        this.csvMaxRows = config.csvMaxRows();
    }

    /** A page of cases with the cursor of the next, and their count when {@code count=true}. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = SEARCH, description = SEARCH_DESCRIPTION)
    @APIResponse(responseCode = "200", description = SEARCH_ANSWER)
    @APIResponse(
            responseCode = "400",
            description =
                    "UNKNOWN_PARAMETER, PARAMETER_REPEATED, TOO_MANY_VALUES, CODE_UNREADABLE, DATE_UNREADABLE, PERIOD_EMPTY, BOOLEAN_UNREADABLE, NUMBER_UNREADABLE, COORDINATE_OUT_OF_RANGE, NEAR_INCOMPLETE, RADIUS_OUT_OF_RANGE, TEXT_TOO_SHORT, TEXT_TOO_LONG, TEXT_UNREADABLE, REPORTER_UNREADABLE, SORT_UNKNOWN, DIRECTION_UNKNOWN, CURSOR_UNREADABLE, CURSOR_FOR_ANOTHER_ORDER, LIMIT_OUT_OF_RANGE, FORMAT_UNKNOWN, UNKNOWN_AREA: the parameter at fault is the field")
    public Uni<CaseSearch.Page> search(@Context UriInfo uri) {
        var params = uri.getQueryParameters();
        var query = reader.read(params);
        return prepared(query, reader.areas(params))
                .chain(ready -> search.page(ready.query(), ready.scope()));
    }

    /**
     * The same search as CSV, every match (up to {@code gridgov.search.csv-max-rows}), streamed a
     * page at a time: UTF-8 with a byte-order mark, so Excel shows the Chinese text as written.
     */
    @GET
    @Produces(CSV)
    @Operation(summary = SEARCH, description = SEARCH_DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = SEARCH_ANSWER,
            content =
                    @Content(
                            mediaType = "text/csv",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    number,status,step,category,grid,reportedAt
                                                    2026-000001,ACCEPTED,DISPATCH,0101,G07,2026-12-07T08:00:00Z
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "UNKNOWN_PARAMETER, PARAMETER_REPEATED, TOO_MANY_VALUES, CODE_UNREADABLE, DATE_UNREADABLE, PERIOD_EMPTY, BOOLEAN_UNREADABLE, NUMBER_UNREADABLE, COORDINATE_OUT_OF_RANGE, NEAR_INCOMPLETE, RADIUS_OUT_OF_RANGE, TEXT_TOO_SHORT, TEXT_TOO_LONG, TEXT_UNREADABLE, REPORTER_UNREADABLE, SORT_UNKNOWN, DIRECTION_UNKNOWN, CURSOR_UNREADABLE, CURSOR_FOR_ANOTHER_ORDER, LIMIT_OUT_OF_RANGE, FORMAT_UNKNOWN, UNKNOWN_AREA: the parameter at fault is the field")
    public RestMulti<Buffer> csv(@Context UriInfo uri) {
        var params = uri.getQueryParameters();
        var query = reader.read(params);
        var ready = prepared(query, reader.areas(params));
        var name =
                "cases-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
                                .format(clock.instant().atZone(zone))
                        + ".csv";
        return RestMulti.fromUniResponse(
                ready,
                r ->
                        Multi.createBy()
                                .concatenating()
                                .streams(
                                        Multi.createFrom().item(Buffer.buffer(CsvRows.HEADER)),
                                        search.all(r.query(), r.scope(), 1_000, csvMaxRows)
                                                .map(CsvRows::of)),
                r ->
                        Map.of(
                                "Content-Type",
                                List.of("text/csv; charset=utf-8"),
                                "Content-Disposition",
                                List.of("attachment; filename=\"" + name + "\"")));
    }

    private record Ready(CaseQuery query, ReadScope scope) {}

    /**
     * The caller's read rule and the asked areas widened to the grids under them (a 400 for an
     * unknown area).
     */
    private Uni<Ready> prepared(CaseQuery query, Set<String> areas) {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .map(scope -> policy.readRule(new CasePolicy.Who(caller, scope)))
                .chain(
                        rule -> {
                            Uni<ReadScope> scope =
                                    rule.all()
                                            ? Uni.createFrom().item(ReadScope.everything())
                                            : gridsUnder(rule.areas(), null)
                                                    .map(
                                                            grids ->
                                                                    new ReadScope(
                                                                            false,
                                                                            grids,
                                                                            rule.department(),
                                                                            rule.reporter()));
                            Uni<CaseQuery> asked =
                                    areas.isEmpty()
                                            ? Uni.createFrom().item(query)
                                            : gridsUnder(areas, "grid").map(query::withGrids);
                            return Uni.combine()
                                    .all()
                                    .unis(asked, scope)
                                    .asTuple()
                                    .map(t -> new Ready(t.getItem1(), t.getItem2()));
                        });
    }

    /**
     * Every code in and under these areas; an area grid-service does not know is a 400 naming
     * {@code field}, or skipped when null.
     */
    private Uni<Set<String>> gridsUnder(Set<String> areas, String field) {
        if (areas.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Multi.createFrom()
                .iterable(areas)
                .onItem()
                .transformToUniAndConcatenate(
                        area ->
                                tree.under(area)
                                        .map(
                                                found -> {
                                                    if (found.isEmpty() && field != null) {
                                                        throw Problem.invalid(
                                                                "UNKNOWN_AREA",
                                                                field,
                                                                "grid-service knows no area "
                                                                        + area);
                                                    }
                                                    return found.orElse(Set.of());
                                                }))
                .collect()
                .in(HashSet<String>::new, Set::addAll)
                .map(Set::copyOf);
    }

    /**
     * The CSV columns, in order; Jackson CSV writes them (quoting and escaping as RFC 4180 asks).
     */
    @JsonPropertyOrder({
        "number",
        "status",
        "step",
        "clock",
        "reportedAt",
        "dueAt",
        "category",
        "source",
        "gridCode",
        "dedicatedGridCodes",
        "department",
        "coHandlingDepartments",
        "reporterId",
        "address",
        "description",
        "longitude",
        "latitude",
        "closedAt",
        "id"
    })
    record CsvRows(
            String number,
            String status,
            String step,
            String clock,
            String reportedAt,
            String dueAt,
            String category,
            String source,
            String gridCode,
            String dedicatedGridCodes,
            String department,
            String coHandlingDepartments,
            String reporterId,
            String address,
            String description,
            double longitude,
            double latitude,
            String closedAt,
            String id) {

        private static final CsvMapper MAPPER = new CsvMapper();
        private static final CsvSchema SCHEMA = MAPPER.schemaFor(CsvRows.class);
        private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        static final byte[] HEADER;

        static {
            var names = new StringBuilder();
            SCHEMA.forEach(
                    column -> names.append(names.isEmpty() ? "" : ",").append(column.getName()));
            var header = (names + "\r\n").getBytes(StandardCharsets.UTF_8);
            HEADER = new byte[BOM.length + header.length];
            System.arraycopy(BOM, 0, HEADER, 0, BOM.length);
            System.arraycopy(header, 0, HEADER, BOM.length, header.length);
        }

        static Buffer of(List<CaseRow> rows) {
            var lines = rows.stream().map(CsvRows::of).toList();
            try {
                return Buffer.buffer(
                        MAPPER.writer(SCHEMA.withoutHeader().withLineSeparator("\r\n"))
                                .writeValueAsBytes(lines));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a page of cases could not be written as CSV", e);
            }
        }

        private static CsvRows of(CaseRow r) {
            return new CsvRows(
                    r.number(),
                    r.status().name(),
                    r.step() == null ? "" : r.step().name(),
                    r.clock().name(),
                    text(r.reportedAt()),
                    text(r.stepDueAt()),
                    r.category(),
                    r.source().name(),
                    nz(r.gridCode()),
                    String.join(" ", r.dedicatedGridCodes()),
                    nz(r.departmentCode()),
                    String.join(" ", r.coHandlingDepartments()),
                    nz(r.reporterId()),
                    cell(r.address()),
                    cell(r.description()),
                    r.longitude(),
                    r.latitude(),
                    text(r.closedAt()),
                    r.id().toString());
        }

        private static String text(Object value) {
            return value == null ? "" : value.toString();
        }

        /**
         * Free text as a spreadsheet shows it, never as a formula (a reporter's "=..." stays text).
         */
        private static String cell(String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        }

        private static String nz(String value) {
            return value == null ? "" : value;
        }
    }
}
