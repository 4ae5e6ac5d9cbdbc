package cn.gridgov.cases.rest;

import cn.gridgov.cases.intake.ReportIntake;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
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

@Authenticated
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
