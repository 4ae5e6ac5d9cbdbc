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

@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportIntake intake;

    public ReportResource(ReportIntake intake) {
        this.intake = intake;
    }

    /** 201 with the new case; 200 with the same case when the report was already received. */
    @POST
    public Uni<Response> report(@NotNull @Valid ReportRequest request) {
        return intake.receive(request.toReport()).map(outcome -> Response
                .status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/api/v1/cases/" + outcome.reportedCase().number))
                .entity(CaseView.of(outcome.reportedCase()))
                .build());
    }
}
