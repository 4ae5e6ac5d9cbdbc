package cn.gridgov.cases.open311;

import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.intake.Report;
import cn.gridgov.cases.intake.ReportIntake;
import cn.gridgov.cases.workflow.CaseChanges;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.ids.Ids;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Open311 requests given by address alone wait for the command center's desk (the dispatcher or the
 * duty chief; 403 {@code ROLE_NOT_ALLOWED} for anyone else) to place them on the map: the placement
 * makes the case, through intake like any report, under the request's token, and the client's
 * {@code tokens/{token}} then answers with its number. The reporter's contact is not shown.
 */
@Path("/api/v1/open311-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.OPEN311)
public class PendingRequestResource {

    private static final int MAX_PENDING = 500;

    /** Where the dispatcher found the address to be. */
    public record Placement(
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude) {}

    /** The case a placement made. */
    public record Placed(
            UUID token, UUID caseId, String number, String gridCode, boolean locationPending) {}

    private final Open311Requests requests;
    private final ReportIntake intake;
    private final CaseRepository cases;
    private final CaseChanges changes;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;
    private final Clock clock;

    public PendingRequestResource(
            Open311Requests requests,
            ReportIntake intake,
            CaseRepository cases,
            CaseChanges changes,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy,
            Clock clock) {
        this.requests = requests;
        this.intake = intake;
        this.cases = cases;
        this.changes = changes;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    @GET
    @Path("/pending")
    @Operation(
            summary = "Open311 requests waiting for a place",
            description =
                    "Requests that came with an address only (no lat/long): kept, with their location pending, until a dispatcher places them on the map.")
    @APIResponse(responseCode = "200", description = "The requests waiting, oldest first")
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: for the command center's desk")
    public Uni<List<Open311Requests.Pending>> pending() {
        return desk("reads the Open311 requests waiting to be placed")
                .chain(actor -> requests.pending(MAX_PENDING));
    }

    @POST
    @Path("/{token}/placement")
    @Operation(
            summary = "Place an address-only Open311 request",
            description =
                    "A dispatcher puts the request on the map: it becomes a case, located to its grid, and its service_request_id keeps answering with that case. Placing it again answers 200 with the same case.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "at the address",
                                            value =
                                                    """
                                                    {"longitude":119.165,"latitude":35.004}
                                                    """)))
    @APIResponse(
            responseCode = "201",
            description = "Placed: the case it became",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"token":"5a6b…","caseId":"0f8e…","number":"2026-000031","gridCode":"G07","locationPending":false}
                                                    """)))
    @APIResponse(responseCode = "200", description = "Placed before: the same case")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (a coordinate missing or out of range), MALFORMED_ID (token not a UUID), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: for the command center's desk")
    @APIResponse(
            responseCode = "404",
            description = "NOT_PENDING: no request waits for a place under this token")
    @APIResponse(responseCode = "422", description = "OUTSIDE_GRIDS: the place is in no grid")
    public Uni<Response> place(
            @PathParam("token") String tokenText, @NotNull @Valid Placement placement) {
        var token = Ids.uuid("token", tokenText);
        return desk("places an Open311 request given by address")
                .chain(
                        dispatcher ->
                                requests.pending(token)
                                        .map(
                                                pending ->
                                                        pending.orElseThrow(
                                                                () ->
                                                                        Problem.notFound(
                                                                                "NOT_PENDING",
                                                                                "token",
                                                                                "no Open311 request "
                                                                                        + token
                                                                                        + " waits to be placed (unknown, or placed already: see its case)")))
                                        .chain(
                                                pending ->
                                                        intake.receive(
                                                                new Report(
                                                                        token,
                                                                        ReportSource.CITIZEN,
                                                                        Open311Requests.reporterId(
                                                                                token),
                                                                        pending.serviceCode(),
                                                                        pending.description(),
                                                                        placement.longitude(),
                                                                        placement.latitude(),
                                                                        pending.address(),
                                                                        List.of())))
                                        // Two placements racing make one case (intake knows the
                                        // token); the one that made it records it.
                                        .call(
                                                outcome ->
                                                        !outcome.created()
                                                                ? Uni.createFrom().voidItem()
                                                                : changes.inTransaction(
                                                                                () ->
                                                                                        cases.findById(
                                                                                                        outcome
                                                                                                                .reportedCase()
                                                                                                                .id)
                                                                                                .chain(
                                                                                                        c ->
                                                                                                                changes
                                                                                                                        .note(
                                                                                                                                c,
                                                                                                                                Change
                                                                                                                                        .of(
                                                                                                                                                "PLACED_FROM_ADDRESS",
                                                                                                                                                null),
                                                                                                                                Details
                                                                                                                                        .of(
                                                                                                                                                dispatcher,
                                                                                                                                                "按地址定位："
                                                                                                                                                        + c.address))))
                                                                        .chain(
                                                                                () ->
                                                                                        requests
                                                                                                .placed(
                                                                                                        token,
                                                                                                        dispatcher
                                                                                                                .staffId(),
                                                                                                        clock
                                                                                                                .instant())))
                                        .map(
                                                outcome -> {
                                                    var c = outcome.reportedCase();
                                                    return Response.status(201)
                                                            .entity(
                                                                    new Placed(
                                                                            token,
                                                                            c.id,
                                                                            c.number,
                                                                            c.gridCode,
                                                                            c.locationPending))
                                                            .build();
                                                }));
    }

    /** The desk post the caller acts as; checked before anything is read or written. */
    private Uni<cn.gridgov.cases.casefile.Actor> desk(String what) {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .map(scope -> policy.requireDesk(new CasePolicy.Who(caller, scope), what));
    }
}
