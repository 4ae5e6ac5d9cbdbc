package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.forecast.FinishForecast;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Warnings before a deadline is missed, for those who supervise (跟踪督办): the open cases likely to
 * miss their current step's deadline, and any case's forecast ({@link FinishForecast}). Read by a
 * dispatcher, a duty chief, a supervisor, a leader or an administrator ({@link
 * DispatchPolicy#supervisor}).
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ForecastResource {

    private final FinishForecast forecast;
    private final CaseRefs refs;
    private final DispatchPolicy policy;

    public ForecastResource(FinishForecast forecast, CaseRefs refs, DispatchPolicy policy) {
        this.forecast = forecast;
        this.refs = refs;
        this.policy = policy;
    }

    /**
     * Open cases at risk of missing their current step's deadline and not yet overdue, the soonest
     * due first.
     */
    @GET
    @Path("/at-risk-cases")
    public Uni<List<FinishForecast.Forecast>> atRisk() {
        return policy.caller().map(policy::supervisor).chain(reader -> forecast.atRisk());
    }

    /**
     * A case's current step: its predicted finish and risk; {@code null} when the case runs no
     * step's clock.
     */
    @GET
    @Path("/cases/{caseRef}/finish-forecast")
    public Uni<FinishForecast.Forecast> of(@PathParam("caseRef") String caseRef) {
        return policy.caller()
                .map(policy::supervisor)
                .chain(reader -> refs.idOf(caseRef))
                .chain(forecast::of);
    }
}
