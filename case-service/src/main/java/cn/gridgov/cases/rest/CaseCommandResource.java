package cn.gridgov.cases.rest;

import static cn.gridgov.cases.rest.CommandRequest.required;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.photo.PhotoStore;
import cn.gridgov.cases.workflow.ApprovalRequest;
import cn.gridgov.cases.workflow.Callers;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.cases.workflow.CaseCommands;
import cn.gridgov.cases.workflow.CasePolicy.Who;
import cn.gridgov.kit.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The steps of the loop as commands on a case: {@code POST /api/v1/cases/{number or id}/<command>}.
 * The caller is the token's; {@link cn.gridgov.cases.workflow.CasePolicy} decides what they may do.
 */
@Authenticated
@Path("/api/v1/cases/{ref}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseCommandResource {

    private final CaseCommands commands;
    private final PhotoStore photos;
    private final Callers callers;
    private final Clock clock;

    public CaseCommandResource(
            CaseCommands commands, PhotoStore photos, Callers callers, Clock clock) {
        this.commands = commands;
        this.callers = callers;
        this.photos = photos;
        this.clock = clock;
    }

    @POST
    @Path("/verify")
    public Uni<CaseView> verify(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.verify(ref, who, details));
    }

    @POST
    @Path("/reject")
    public Uni<CaseView> reject(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.reject(ref, who, details));
    }

    @POST
    @Path("/merge")
    public Uni<CaseView> merge(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        var into =
                required(
                        request.intoCase(),
                        "intoCase",
                        "the number or id of the case this one repeats");
        return run(request, (who, details) -> commands.merge(ref, into, who, details));
    }

    @POST
    @Path("/accept")
    public Uni<CaseView> accept(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(
                request,
                (who, details) ->
                        commands.accept(
                                ref, request.urgency(), request.subjectType(), who, details));
    }

    @POST
    @Path("/result")
    public Uni<CaseView> result(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.submitResult(ref, who, details));
    }

    @POST
    @Path("/check")
    public Uni<CaseView> check(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        var passed =
                required(
                        request.passed(),
                        "passed",
                        "true closes the case, false sends it back to rework");
        return run(request, (who, details) -> commands.check(ref, passed, who, details));
    }

    @POST
    @Path("/extension-requests")
    public Uni<ApprovalView> requestExtension(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return callers.who()
                .chain(
                        who ->
                                commands.requestApproval(
                                        ref,
                                        ApprovalRequest.Kind.EXTENSION,
                                        request.hours(),
                                        null,
                                        who,
                                        request.details()))
                .map(ApprovalView::of);
    }

    @POST
    @Path("/parking-requests")
    public Uni<ApprovalView> requestParking(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return callers.who()
                .chain(
                        who ->
                                commands.requestApproval(
                                        ref,
                                        ApprovalRequest.Kind.PARKING,
                                        null,
                                        request.reviewOn(),
                                        who,
                                        request.details()))
                .map(ApprovalView::of);
    }

    @POST
    @Path("/approval-requests/{requestId}/decision")
    public Uni<CaseView> decide(
            @PathParam("ref") String ref,
            @PathParam("requestId") String requestId,
            @NotNull @Valid CommandRequest request) {
        var approved =
                required(
                        request.approved(),
                        "approved",
                        "true approves the request, false refuses it");
        return run(
                request,
                (who, details) ->
                        commands.decide(
                                ref, Ids.uuid("requestId", requestId), approved, who, details));
    }

    @POST
    @Path("/urges")
    public Uni<CaseView> urge(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.urge(ref, who, details));
    }

    @POST
    @Path("/resume")
    public Uni<CaseView> resume(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.resume(ref, who, details));
    }

    @POST
    @Path("/evaluation")
    public Uni<CaseView> evaluate(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        var satisfaction =
                required(
                        request.satisfaction(),
                        "satisfaction",
                        "1 (very unhappy) to 5 (very satisfied)");
        return run(request, (who, details) -> commands.evaluate(ref, satisfaction, who, details));
    }

    /** Photos named by a command must exist before the command runs. */
    private Uni<CaseView> run(CommandRequest request, BiFunction<Who, Details, Uni<Case>> command) {
        var details = request.details();
        return callers.who()
                .call(() -> Panache.withSession(() -> photos.requireAll(details.photoIds())))
                .chain(who -> command.apply(who, details))
                .map(c -> CaseView.of(c, clock.instant()));
    }

    /** A request for more time or for parking, as recorded. */
    public record ApprovalView(
            UUID id,
            UUID caseId,
            ApprovalRequest.Kind kind,
            Double hours,
            LocalDate reviewOn,
            String reason,
            String requestedBy,
            String decision) {
        static ApprovalView of(ApprovalRequest r) {
            return new ApprovalView(
                    r.id,
                    r.caseId,
                    r.kind,
                    r.hours == null ? null : r.hours.doubleValue(),
                    r.reviewOn,
                    r.reason,
                    r.requestedBy,
                    r.decision == null ? null : r.decision.name());
        }
    }
}
