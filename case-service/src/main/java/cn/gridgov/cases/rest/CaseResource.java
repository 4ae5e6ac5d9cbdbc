package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.timeline.Timeline;
import cn.gridgov.cases.timeline.TimelineChain;
import cn.gridgov.cases.timeline.TimelineEntry;
import cn.gridgov.cases.workflow.Callers;
import cn.gridgov.cases.workflow.ReporterDirectory;
import cn.gridgov.kit.ids.Ids;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Reads of one case: answered to those the read rule lets read it (the rule the search narrows by,
 * {@link cn.gridgov.cases.workflow.CasePolicy#readRule}), 403 {@code NOT_YOUR_CASE} to anyone else;
 * an unknown case is a 404 whoever asks.
 */
@Authenticated
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
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
            summary = "One case",
            description =
                    "A case by its number (2026-000123) or its id, with its record of supervision;"
                            + " for those the read rule lets read it")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(
            responseCode = "400",
            description = "MALFORMED_CASE_REF: neither a number nor an id")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND")
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
                    "What a phone asks after sending; a report merged into another case answers with"
                            + " that case. For those the read rule lets read the case (its reporter"
                            + " among them)")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "400", description = "INVALID_INPUT: reportId is not a UUID")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND: no case for this report")
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
                    "Every recorded step: who, in which role, when, with which note and photos; for"
                            + " those the read rule lets read the case")
    @APIResponse(responseCode = "200", description = "The timeline, oldest first")
    @APIResponse(
            responseCode = "400",
            description = "MALFORMED_CASE_REF: neither a number nor an id")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND")
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
            summary = "Verify a case's timeline",
            description =
                    "Recomputes the keyed hash chain of the timeline: any edit, removal or reordering"
                            + " shows; for those the read rule lets read the case")
    @APIResponse(responseCode = "200", description = "Whether the chain holds, and where it breaks")
    @APIResponse(
            responseCode = "400",
            description = "MALFORMED_CASE_REF: neither a number nor an id")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: outside the caller's grids, department and own reports;"
                            + " NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND")
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
