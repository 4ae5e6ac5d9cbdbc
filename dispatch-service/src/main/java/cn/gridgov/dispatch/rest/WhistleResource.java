package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.CaseSites;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    private final CaseSites sites;

    public WhistleResource(
            WhistleService whistles, DispatchPolicy policy, CaseRefs refs, CaseSites sites) {
        this.whistles = whistles;
        this.policy = policy;
        this.refs = refs;
        this.sites = sites;
    }

    @POST
    @Path("/cases/{caseRef}/whistles")
    @Operation(
            summary = "Blow a whistle (吹哨)",
            description =
                    "Summons departments to a case, each to report for duty within the minutes"
                            + " given; by a dispatcher or duty chief of the district the case lies"
                            + " in, or the grid chief of one of its grids. The same whistle id again"
                            + " answers with the whistle already blown")
    @APIResponse(responseCode = "201", description = "The whistle and its summons")
    @APIResponse(responseCode = "400", description = "INVALID_INPUT, MALFORMED_CASE_REF")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_FOR_YOUR_ROLE: no post that blows whistles; NOT_YOUR_GRID: a grid chief of"
                            + " another grid; NOT_YOUR_DISTRICT: a dispatcher or duty chief of"
                            + " another district")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND")
    @APIResponse(
            responseCode = "409",
            description = "WHISTLE_EXISTS: the id was blown on another case; CASE_CLOSED")
    @APIResponse(responseCode = "422", description = "UNKNOWN_DEPARTMENT")
    public Uni<Response> blow(
            @PathParam("caseRef") String caseRef, @NotNull @Valid WhistleRequests.Blow request) {
        return refs.idOf(caseRef)
                .chain(
                        caseId ->
                                policy.caller()
                                        .chain(
                                                person ->
                                                        sites.of(caseId)
                                                                .chain(
                                                                        site ->
                                                                                whistles.blow(
                                                                                        caseId,
                                                                                        new WhistleService
                                                                                                .Blow(
                                                                                                request
                                                                                                        .whistleId(),
                                                                                                request
                                                                                                        .kind(),
                                                                                                request
                                                                                                        .departments(),
                                                                                                request
                                                                                                        .reportWithinMinutes()),
                                                                                        person,
                                                                                        site))))
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
    @Operation(
            summary = "One whistle",
            description =
                    "A whistle with its summons and who reported for duty; for those the read rule"
                            + " lets read its case")
    @APIResponse(responseCode = "200", description = "The whistle")
    @APIResponse(responseCode = "400", description = "INVALID_INPUT: whistleId is not a UUID")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the whistle's case lies outside the caller's grids and is not"
                            + " their department's; NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(responseCode = "404", description = "WHISTLE_NOT_FOUND")
    public Uni<WhistleView> get(@PathParam("whistleId") String whistleId) {
        return whistles.get(Ids.uuid("whistleId", whistleId))
                .call(
                        board ->
                                policy.caller()
                                        .chain(
                                                person ->
                                                        sites.of(board.whistle().caseId)
                                                                .invoke(
                                                                        site ->
                                                                                policy.requireReads(
                                                                                        person,
                                                                                        site))))
                .map(WhistleView::of);
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
