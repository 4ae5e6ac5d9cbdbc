package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.whistle.WhistleService;
import cn.gridgov.kit.ids.Ids;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * 吹哨报到: blow a whistle on a case, report for duty on site; who may is {@link DispatchPolicy}'s to
 * say.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WhistleResource {

    private final WhistleService whistles;
    private final DispatchPolicy policy;
    private final CaseRefs refs;

    public WhistleResource(WhistleService whistles, DispatchPolicy policy, CaseRefs refs) {
        this.whistles = whistles;
        this.policy = policy;
        this.refs = refs;
    }

    @POST
    @Path("/cases/{caseRef}/whistles")
    public Uni<Response> blow(
            @PathParam("caseRef") String caseRef, @NotNull @Valid WhistleRequests.Blow request) {
        return refs.idOf(caseRef)
                .chain(
                        caseId ->
                                policy.caller()
                                        .chain(
                                                person ->
                                                        whistles.blow(
                                                                caseId,
                                                                new WhistleService.Blow(
                                                                        request.whistleId(),
                                                                        request.kind(),
                                                                        request.departments(),
                                                                        request
                                                                                .reportWithinMinutes()),
                                                                person)))
                .map(
                        board ->
                                Response.status(Response.Status.CREATED)
                                        .location(
                                                URI.create(
                                                        "/api/v1/whistles/" + board.whistle().id))
                                        .entity(WhistleView.of(board))
                                        .build());
    }

    @GET
    @Path("/whistles/{whistleId}")
    public Uni<WhistleView> get(@PathParam("whistleId") String whistleId) {
        return whistles.get(Ids.uuid("whistleId", whistleId)).map(WhistleView::of);
    }

    /** 200 whether or not it counts as arrived: the answer says which, and why. */
    @POST
    @Path("/whistles/{whistleId}/duty-reports")
    public Uni<WhistleService.DutyOutcome> report(
            @PathParam("whistleId") String whistleId,
            @NotNull @Valid WhistleRequests.DutyReport request) {
        var id = Ids.uuid("whistleId", whistleId);
        return policy.caller()
                .chain(
                        person ->
                                whistles.report(
                                        id,
                                        new WhistleService.DutyReport(
                                                request.longitude(), request.latitude()),
                                        person));
    }
}
