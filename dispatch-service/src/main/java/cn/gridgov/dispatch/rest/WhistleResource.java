package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.CaseSites;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.whistle.WhistleService;
import cn.gridgov.kit.ids.Ids;
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 吹哨报到: blow a whistle on a case, report for duty on site; who may is {@link DispatchPolicy}'s to
 * say.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.DISPATCH)
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
            summary = "Blow the whistle on a case",
            description =
                    "吹哨报到: summon departments to the case's place, to report there within reportWithinMinutes (default by kind). The command center, or the grid chief of one of the case's grids, blows it. Resending with the same whistleId answers with the same whistle.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a hard case at the port",
                                            value =
                                                    """
                                                    {"whistleId":"7b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a41","kind":"HARD_CASE","departments":["GKJ","ZHZF"],"reportWithinMinutes":30}
                                                    """)))
    @APIResponse(
            responseCode = "201",
            description = "Blown: the whistle; Location names it",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"whistleId":"7b1c…","caseId":"0f8e…","caseNumber":"2026-000002","kind":"HARD_CASE","blownBy":"CC-DISPATCHER-1","blownAt":"2026-12-07T08:00:00Z",
                                                     "reportBy":"2026-12-07T08:30:00Z","state":"OPEN","closedAt":null,"departments":[{"departmentCode":"GKJ","reportedAt":null}]}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (kind missing, no departments, reportWithinMinutes out of 1..1440), UNREADABLE_BODY, MALFORMED_CASE_REF: caseRef is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "403",
            description = "NOT_YOUR_GRID (a grid chief of another grid), NOT_FOR_YOUR_ROLE")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case with this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "CASE_CLOSED (the case is closed), WHISTLE_EXISTS (this whistleId names another whistle)")
    @APIResponse(
            responseCode = "422",
            description =
                    "UNKNOWN_DEPARTMENT, CASE_NOT_LOCATED (the case has no place to report at)")
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
            summary = "A whistle",
            description = "A whistle with the departments it summoned and which have reported.")
    @APIResponse(
            responseCode = "200",
            description = "The whistle",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"whistleId":"7b1c…","caseId":"0f8e…","caseNumber":"2026-000002","kind":"HARD_CASE","blownBy":"CC-DISPATCHER-1","blownAt":"2026-12-07T08:00:00Z",
                                                     "reportBy":"2026-12-07T08:30:00Z","state":"OPEN","closedAt":null,"departments":[{"departmentCode":"GKJ","reportedAt":null}]}
                                                    """)))
    @APIResponse(responseCode = "400", description = "MALFORMED_ID: whistleId is not a UUID")
    @APIResponse(responseCode = "404", description = "WHISTLE_NOT_FOUND: no whistle has this id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the whistle's case lies outside the caller's grids and is not"
                            + " their department's; NOT_FOR_YOUR_ROLE: no post that reads cases")
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
    @Operation(
            summary = "Report for duty at a whistle",
            description =
                    "A summoned department's staff reports where they stand; within 200 m of the case it counts as arrived. Answered 200 either way: the answer says whether it counted, and why.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "on site",
                                            value =
                                                    """
                                                    {"longitude":119.165,"latitude":35.004}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "Whether the report counts as arrived, and why")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (a coordinate missing or out of range), MALFORMED_ID (whistleId not a UUID), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "NOT_SUMMONED: the caller's department was not summoned by this whistle")
    @APIResponse(responseCode = "404", description = "WHISTLE_NOT_FOUND: no whistle has this id")
    @APIResponse(responseCode = "409", description = "WHISTLE_CLOSED: the whistle is closed")
    @APIResponse(
            responseCode = "422",
            description = "CASE_NOT_LOCATED: the case has no place to measure against")
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
