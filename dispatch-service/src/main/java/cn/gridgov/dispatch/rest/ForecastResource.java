package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.CaseSites;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.forecast.FinishForecast;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Warnings before a deadline is missed, for those who supervise (跟踪督办): the open cases likely to
 * miss their current step's deadline, and any case's forecast ({@link FinishForecast}). Read by a
 * dispatcher, a duty chief, a supervisor, a leader or an administrator ({@link
 * DispatchPolicy#supervisor}).
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SUPERVISE)
public class ForecastResource {

    private final FinishForecast forecast;
    private final CaseRefs refs;
    private final DispatchPolicy policy;
    private final CaseSites sites;

    public ForecastResource(
            FinishForecast forecast, CaseRefs refs, DispatchPolicy policy, CaseSites sites) {
        this.forecast = forecast;
        this.refs = refs;
        this.policy = policy;
        this.sites = sites;
    }

    /**
     * Open cases at risk of missing their current step's deadline and not yet overdue, the soonest
     * due first.
     */
    @GET
    @Path("/at-risk-cases")
    @Operation(
            summary = "The cases at risk of missing their deadline",
            description =
                    "Open cases not yet overdue but likely to miss their current step's deadline, by the step's history in working time, the soonest due first.")
    @APIResponse(responseCode = "200", description = "The cases at risk, soonest due first")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_FOR_YOUR_ROLE: for a dispatcher, duty chief, supervisor, leader or administrator")
    public Uni<List<FinishForecast.Forecast>> atRisk() {
        return policy.caller().map(policy::supervisor).chain(reader -> forecast.atRisk());
    }

    /**
     * A case's current step: its predicted finish and risk; {@code null} when the case runs no
     * step's clock.
     */
    @GET
    @Path("/cases/{caseRef}/finish-forecast")
    @Operation(
            summary = "A case's finish forecast",
            description =
                    "The predicted finish of the case's current step and its risk of missing the deadline; null when the case runs no step's clock.")
    @APIResponse(responseCode = "200", description = "The forecast, or null")
    @APIResponse(
            responseCode = "400",
            description =
                    "MALFORMED_CASE_REF: caseRef is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_FOR_YOUR_ROLE: for a dispatcher, duty chief, supervisor, leader or administrator")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case with this number or id is known to dispatch")
    public Uni<FinishForecast.Forecast> of(@PathParam("caseRef") String caseRef) {
        return policy.caller()
                .invoke(policy::supervisor)
                .chain(
                        person ->
                                refs.idOf(caseRef)
                                        .call(
                                                caseId ->
                                                        sites.of(caseId)
                                                                .invoke(
                                                                        site ->
                                                                                policy.requireReads(
                                                                                        person,
                                                                                        site))))
                .chain(forecast::of);
    }
}
