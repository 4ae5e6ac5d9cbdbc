package cn.gridgov.dispatch.rest;

import static cn.gridgov.dispatch.routing.DispatchProblem.Kind.NOT_FOUND;

import cn.gridgov.dispatch.routing.DispatchProblem;
import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingRule;
import cn.gridgov.dispatch.routing.RoutingService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final RoutingService routing;

    public RoutingResource(RoutingService routing) {
        this.routing = routing;
    }

    @GET
    @Path("/routing-rules")
    public Uni<List<RoutingRule>> rules() {
        return routing.rules();
    }

    @GET
    @Path("/routing-decisions/{caseId}")
    public Uni<RoutingDecision> decision(@PathParam("caseId") UUID caseId) {
        return routing.decisionFor(caseId).map(decision -> {
            if (decision == null) {
                throw new DispatchProblem(NOT_FOUND, "DECISION_NOT_FOUND", "caseId", "case " + caseId + " has not been routed");
            }
            return decision;
        });
    }
}
