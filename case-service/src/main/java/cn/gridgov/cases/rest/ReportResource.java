package cn.gridgov.cases.rest;

import cn.gridgov.cases.intake.ReportIntake;
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

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportIntake intake;
    private final Clock clock;

    public ReportResource(ReportIntake intake, Clock clock) {
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * 201 with the new case and the open cases it may repeat; 200 with the same case when the report
     * was already received.
     */
    @POST
    public Uni<Response> report(@NotNull @Valid ReportRequest request) {
        return intake.receive(request.toReport()).map(outcome -> Response
                .status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/api/v1/cases/" + outcome.reportedCase().number))
                .entity(CaseView.of(outcome.reportedCase(), clock.instant(), outcome.possibleDuplicates()))
                .build());
    }
}
