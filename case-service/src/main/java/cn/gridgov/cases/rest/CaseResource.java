package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.timeline.Timeline;
import cn.gridgov.cases.timeline.TimelineChain;
import cn.gridgov.cases.timeline.TimelineEntry;
import cn.gridgov.cases.workflow.Callers;
import cn.gridgov.cases.workflow.ReporterDirectory;
import cn.gridgov.kit.ids.Ids;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reads of one case: answered to those the read rule lets read it (the rule the search narrows by,
 * {@link cn.gridgov.cases.workflow.CasePolicy#readRule}), 403 {@code NOT_YOUR_CASE} to anyone else;
 * an unknown case is a 404 whoever asks.
 */
@Authenticated
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.CASES)
public class CaseResource {

    private final CaseRepository cases;
    private final Callers callers;
    private final Timeline timeline;
    private final ReporterDirectory reporters;
    private final TimelineChain chain;
    private final Clock clock;

    public CaseResource(
            CaseRepository cases,
            Callers callers,
            Timeline timeline,
            ReporterDirectory reporters,
            TimelineChain chain,
            Clock clock) {
        this.chain = chain;
        this.cases = cases;
        this.callers = callers;
        this.timeline = timeline;
        this.reporters = reporters;
        this.clock = clock;
    }

    /** A case by its number (2026-000123) or its id, with its record of supervision (跟踪督办). */
    @GET
    @Path("/{ref}")
    @WithSession
    @Operation(
            summary = "A case",
            description =
                    "A case by its number (2026-000123) or its id: status, step and its clock (green, yellow, red), place and grid, urgency, where it was routed, its record of supervision (urges, extensions, escalations, whistles).")
    @APIResponse(
            responseCode = "200",
            description = "The case",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "MALFORMED_CASE_REF: ref is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    public Uni<CaseView> get(@PathParam("ref") String ref) {
        return cases.byRef(ref)
                .call(callers::requireReads)
                .chain(
                        c ->
                                timeline.of(c.id)
                                        .map(
                                                entries ->
                                                        CaseView.of(c, clock.instant())
                                                                .withSupervision(
                                                                        SupervisionView.of(
                                                                                c, entries))));
    }

    /**
     * The case a report became: what a phone asks after sending. A report merged into another case
     * answers with that case, so its reporter keeps hearing.
     */
    @GET
    @Path("/by-report/{reportId}")
    @WithSession
    @Operation(
            summary = "The case a report became",
            description =
                    "The case made from a report, by the reportId the client chose: how a phone that lost the answer finds its case.")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "400", description = "MALFORMED_ID: reportId is not a UUID")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case was made from this report")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    public Uni<CaseView> byReport(@PathParam("reportId") String reportIdText) {
        var reportId = Ids.uuid("reportId", reportIdText);
        return reporters
                .caseOfReport(reportId)
                .chain(
                        caseId -> {
                            if (caseId == null) {
                                throw new Problem(
                                        Problem.Kind.NOT_FOUND,
                                        "CASE_NOT_FOUND",
                                        "reportId",
                                        "no case for report " + reportId);
                            }
                            return cases.findById(caseId);
                        })
                .call(callers::requireReads)
                .map(c -> CaseView.of(c, clock.instant()));
    }

    /** Every recorded step: who, in which role, when, with which note and photos. */
    @GET
    @Path("/{ref}/timeline")
    @WithSession
    @Operation(
            summary = "A case's timeline",
            description =
                    "Every recorded step of the case, oldest first: what happened, who, in which role and department, when, with which note and photos.")
    @APIResponse(responseCode = "200", description = "The timeline, oldest first")
    @APIResponse(
            responseCode = "400",
            description =
                    "MALFORMED_CASE_REF: ref is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    public Uni<List<TimelineView>> timeline(@PathParam("ref") String ref) {
        return cases.byRef(ref)
                .call(callers::requireReads)
                .chain(c -> timeline.of(c.id))
                .map(entries -> entries.stream().map(TimelineView::of).toList());
    }

    /** Recomputes the hash chain of a case's timeline: any edit, removal or reordering shows. */
    @GET
    @Path("/{ref}/timeline/verification")
    @WithSession
    @Operation(
            summary = "Check that a timeline was not altered",
            description =
                    "Recomputes the hash chain of the case's timeline: any edit, removal or reordering of an entry shows, with the first entry that breaks the chain.")
    @APIResponse(responseCode = "200", description = "Whether the chain holds, and where it breaks")
    @APIResponse(
            responseCode = "400",
            description =
                    "MALFORMED_CASE_REF: ref is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    public Uni<TimelineChain.Verification> verify(@PathParam("ref") String ref) {
        return cases.byRef(ref)
                .call(callers::requireReads)
                .chain(
                        c ->
                                timeline.of(c.id)
                                        .map(
                                                entries ->
                                                        chain.verify(
                                                                entries,
                                                                c.timelineLength,
                                                                c.timelineHash)));
    }

    public record TimelineView(
            int seq,
            Instant at,
            String action,
            String fromStatus,
            String toStatus,
            String staffId,
            String role,
            String departmentCode,
            String note,
            List<UUID> photoIds,
            String hash) {
        static TimelineView of(TimelineEntry e) {
            var photos =
                    e.photoIds.isEmpty()
                            ? List.<UUID>of()
                            : Arrays.stream(e.photoIds.split(",")).map(UUID::fromString).toList();
            return new TimelineView(
                    e.seq,
                    e.at,
                    e.action,
                    e.fromStatus,
                    e.toStatus,
                    e.actorStaffId,
                    e.actorRole,
                    e.actorDepartment,
                    e.note,
                    photos,
                    e.hash);
        }
    }
}
