package cn.gridgov.cases.rest;

import cn.gridgov.cases.catalogue.CalendarConfig;
import cn.gridgov.cases.hotspot.RepeatReportBoard;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The command center's view of problems reported again: hotspots (三天三单, {@code /api/v1/hotspots})
 * and closed cases reported again at their place ({@code /api/v1/recurrences}), newest first, since
 * a day or moment ({@code since}, by default 30 days back), at most {@code limit} (1–500, default
 * 100).
 */
@Authenticated
@Path("/api/v1")
@Produces("application/json")
@Tag(name = ApiTags.EVALUATE)
public class RepeatReportResource {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final int MAX_LIMIT = 500;

    private final RepeatReportBoard board;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;
    private final Clock clock;
    private final ZoneId zone;

    public RepeatReportResource(
            RepeatReportBoard board,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy,
            Clock clock,
            CalendarConfig calendar) {
        this.board = board;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
        this.zone = calendar.zone();
    }

    @GET
    @Path("/hotspots")
    @Operation(
            summary = "Hotspots: places reported again and again",
            description =
                    "Places where reports of a category cluster since a day or moment (default 30 days), most reports first: where a problem keeps coming back.")
    @APIResponse(responseCode = "200", description = "The hotspots, most reports first")
    @APIResponse(
            responseCode = "400",
            description =
                    "DATE_UNREADABLE (since is neither a day like 2026-11-16 nor a moment), LIMIT_OUT_OF_RANGE")
    @APIResponse(responseCode = "403", description = "NOT_FOR_YOUR_ROLE: for the command center")
    public Uni<List<RepeatReportBoard.Hotspot>> hotspots(
            @QueryParam("since") String since, @QueryParam("limit") String limit) {
        var from = since(since);
        var n = limit(limit);
        return commandCenter("reads the hotspots").chain(() -> board.hotspots(from, n));
    }

    @GET
    @Path("/recurrences")
    @Operation(
            summary = "Recurrences: closed cases that came back",
            description =
                    "Closed cases followed by a new report of the same category at the same place since a day or moment: problems solved on paper only.")
    @APIResponse(responseCode = "200", description = "The recurrences, newest first")
    @APIResponse(
            responseCode = "400",
            description =
                    "DATE_UNREADABLE (since is neither a day like 2026-11-16 nor a moment), LIMIT_OUT_OF_RANGE")
    @APIResponse(responseCode = "403", description = "NOT_FOR_YOUR_ROLE: for the command center")
    public Uni<List<RepeatReportBoard.Recurrence>> recurrences(
            @QueryParam("since") String since, @QueryParam("limit") String limit) {
        var from = since(since);
        var n = limit(limit);
        return commandCenter("reads the recurrences").chain(() -> board.recurrences(from, n));
    }

    private Uni<Void> commandCenter(String what) {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(
                        scope ->
                                policy.requireCommandCenter(
                                        new CasePolicy.Who(caller, scope), what))
                .replaceWithVoid();
    }

    /**
     * A day (2026-11-16, from its start in the town's zone) or a moment
     * (2026-11-16T08:30:00+08:00).
     */
    private Instant since(String text) {
        if (text == null) {
            return clock.instant().minus(DEFAULT_PERIOD);
        }
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(zone).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "DATE_UNREADABLE",
                    "since",
                    "since must be a day like 2026-11-16 or a moment like 2026-11-16T08:30:00+08:00");
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            var n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException unreadable) {
            // answered below
        }
        throw new Problem(
                Problem.Kind.INVALID,
                "LIMIT_OUT_OF_RANGE",
                "limit",
                "limit is a whole number from 1 to " + MAX_LIMIT);
    }
}
