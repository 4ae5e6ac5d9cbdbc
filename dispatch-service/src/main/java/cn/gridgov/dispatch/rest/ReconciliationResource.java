package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.reconcile.Reconciliation;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Do case-service and dispatch-service agree on every open case (status, step, handler)? For the
 * command center, supervisors and administrators ({@link DispatchPolicy#reconciler}).
 */
@Path("/api/v1/reconciliation")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.OPERATIONS)
public class ReconciliationResource {

    private final Reconciliation reconciliation;
    private final DispatchPolicy policy;

    public ReconciliationResource(Reconciliation reconciliation, DispatchPolicy policy) {
        this.reconciliation = reconciliation;
        this.policy = policy;
    }

    /**
     * Every difference between both services' views of the open cases; cases still changing are
     * counted apart.
     */
    @GET
    @Operation(
            summary = "Do both services agree on every open case",
            description =
                    "Compares case-service's and dispatch-service's views of every open case (status, step, handler) and lists each difference; cases still changing are counted apart.")
    @APIResponse(
            responseCode = "200",
            description = "The differences, and the cases still changing")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_FOR_YOUR_ROLE: for a dispatcher, duty chief, supervisor or administrator")
    @APIResponse(
            responseCode = "503",
            description = "CASE_SERVICE_UNAVAILABLE: case-service cannot be reached now")
    public Uni<Reconciliation.Report> check() {
        return policy.caller().map(policy::reconciler).chain(reader -> reconciliation.check());
    }
}
