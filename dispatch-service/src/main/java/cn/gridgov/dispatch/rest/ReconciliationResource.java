package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.reconcile.Reconciliation;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Do case-service and dispatch-service agree on every open case (status, step, handler)? For the
 * command center, supervisors and administrators ({@link DispatchPolicy#reconciler}).
 */
@Path("/api/v1/reconciliation")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
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
    public Uni<Reconciliation.Report> check() {
        return policy.caller().map(policy::reconciler).chain(reader -> reconciliation.check());
    }
}
