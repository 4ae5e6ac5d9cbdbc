package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.timeline.Timeline;
import cn.gridgov.cases.timeline.TimelineChain;
import cn.gridgov.cases.timeline.TimelineEntry;
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

/** Reads of cases: anyone signed in (narrowing reads to a post's scope is yet to come). */
@Authenticated
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseRepository cases;
    private final Timeline timeline;
    private final ReporterDirectory reporters;
    private final TimelineChain chain;
    private final Clock clock;

    public CaseResource(
            CaseRepository cases,
            Timeline timeline,
            ReporterDirectory reporters,
            TimelineChain chain,
            Clock clock) {
        this.chain = chain;
        this.cases = cases;
        this.timeline = timeline;
        this.reporters = reporters;
        this.clock = clock;
    }

    /** A case by its number (2026-000123) or its id, with its record of supervision (跟踪督办). */
    @GET
    @Path("/{ref}")
    @WithSession
    public Uni<CaseView> get(@PathParam("ref") String ref) {
        return cases.byRef(ref)
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
                .map(c -> CaseView.of(c, clock.instant()));
    }

    /** Every recorded step: who, in which role, when, with which note and photos. */
    @GET
    @Path("/{ref}/timeline")
    @WithSession
    public Uni<List<TimelineView>> timeline(@PathParam("ref") String ref) {
        return cases.byRef(ref)
                .chain(c -> timeline.of(c.id))
                .map(entries -> entries.stream().map(TimelineView::of).toList());
    }

    /** Recomputes the hash chain of a case's timeline: any edit, removal or reordering shows. */
    @GET
    @Path("/{ref}/timeline/verification")
    @WithSession
    public Uni<TimelineChain.Verification> verify(@PathParam("ref") String ref) {
        return cases.byRef(ref)
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
