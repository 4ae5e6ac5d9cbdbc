package cn.gridgov.cases.rest;

import cn.gridgov.cases.intake.ReportIntake;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Authenticated
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.COLLECT)
public class ReportResource {

    private final ReportIntake intake;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;
    private final Clock clock;

    public ReportResource(
            ReportIntake intake,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy,
            Clock clock) {
        this.intake = intake;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * 201 with the new case and the open cases it may repeat; 200 with the same case when the
     * report was already received. The reporter is the signed-in caller (see {@link
     * CasePolicy#reporterFor}); their posts come from the directory's kept answer, so a report
     * costs no extra round trip.
     */
    @POST
    @Operation(
            summary = "Report a problem",
            description =
                    "Step 1 采集上报: a report from a grid worker's phone, the hotline, a sensor or another channel becomes one case, numbered, located to its grid, with the open cases nearby it may repeat. The reporter is the caller. The client chooses reportId: sending the same report again (a retry after a lost answer) answers 200 with the same case, never a second one. A grid worker's report on the spot is verified at once.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a missing manhole cover in G07",
                                            value =
                                                    """
                                                    {"reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","source":"GRID_WORKER","category":"0101","description":"井盖缺失",
                                                     "longitude":119.165,"latitude":35.004,"address":"柘汪镇临港路12号","photoIds":[]}
                                                    """)))
    @APIResponse(
            responseCode = "201",
            description = "A new case, with the open cases it may repeat; Location names it",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"VERIFIED","open":true,
                                                     "phase":"ACCEPT","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"NORMAL","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "This report was received before: the same case")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: reportId, source, category, description, a coordinate out of range, more than 9 photos), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description =
                    "MAY_NOT_REPORT (no post that reports), NOT_YOUR_SOURCE (a channel the caller may not report through)")
    @APIResponse(
            responseCode = "409",
            description = "REPORT_ID_REUSED: this reportId was used for a different report")
    @APIResponse(
            responseCode = "422",
            description =
                    "UNKNOWN_CATEGORY (not an active item of the catalogue), PHOTO_REQUIRED (the category needs a photo), OUTSIDE_GRIDS (the place is in no grid), UNKNOWN_PHOTO")
    public Uni<Response> report(@NotNull @Valid ReportRequest request) {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .map(
                        scope ->
                                policy.reporterFor(
                                        request.source(), new CasePolicy.Who(caller, scope)))
                .chain(reporter -> intake.receive(request.toReport(reporter)))
                .map(
                        outcome ->
                                Response.status(
                                                outcome.created()
                                                        ? Response.Status.CREATED
                                                        : Response.Status.OK)
                                        .location(
                                                URI.create(
                                                        "/api/v1/cases/"
                                                                + outcome.reportedCase().number))
                                        .entity(
                                                CaseView.of(
                                                        outcome.reportedCase(),
                                                        clock.instant(),
                                                        outcome.possibleDuplicates()))
                                        .build());
    }
}
