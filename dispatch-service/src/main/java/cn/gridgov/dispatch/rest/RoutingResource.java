package cn.gridgov.dispatch.rest;

import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;

import cn.gridgov.dispatch.access.CaseSites;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.routing.RuleService;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The rules, the decisions, and what departments and dispatchers do with a routed case. Any
 * signed-in caller reads; every change is decided by {@link DispatchPolicy}.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final RoutingService routing;
    private final RuleService rules;
    private final DispatchPolicy policy;
    private final CaseRefs refs;
    private final CaseSites sites;

    public RoutingResource(
            RoutingService routing,
            RuleService rules,
            DispatchPolicy policy,
            CaseRefs refs,
            CaseSites sites) {
        this.routing = routing;
        this.rules = rules;
        this.policy = policy;
        this.refs = refs;
        this.sites = sites;
    }

    @GET
    @Path("/routing-rules")
    public Uni<List<RuleView>> rules() {
        return rules.list().map(list -> list.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("/routing-rules/{id}")
    public Uni<RuleView> rule(@PathParam("id") String id) {
        return rules.get(id).map(RuleView::of);
    }

    /** 201 with the new rule; 200 when exactly this rule already exists. */
    @POST
    @Path("/routing-rules")
    public Uni<Response> create(@NotNull @Valid RuleRequest request) {
        if (request.id() == null) {
            throw new Problem(INVALID, "INVALID_INPUT", "id", "id must not be null");
        }
        return policy.caller()
                .map(policy::ruleEditor)
                .chain(admin -> rules.create(request.toDraft(request.id()), admin.staffId()))
                .map(
                        saved ->
                                Response.status(
                                                saved.created()
                                                        ? Response.Status.CREATED
                                                        : Response.Status.OK)
                                        .location(
                                                URI.create(
                                                        "/api/v1/routing-rules/" + saved.rule().id))
                                        .entity(RuleView.of(saved.rule()))
                                        .build());
    }

    @PUT
    @Path("/routing-rules/{id}")
    public Uni<RuleView> replace(@PathParam("id") String id, @NotNull @Valid RuleRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new Problem(
                    INVALID,
                    "ID_MISMATCH",
                    "id",
                    "the body names rule " + request.id() + " but the path names " + id);
        }
        return policy.caller()
                .map(policy::ruleEditor)
                .chain(admin -> rules.replace(request.toDraft(id), admin.staffId()))
                .map(saved -> RuleView.of(saved.rule()));
    }

    @DELETE
    @Path("/routing-rules/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return policy.caller()
                .map(policy::ruleEditor)
                .chain(admin -> rules.delete(id, admin.staffId()))
                .map(ignored -> Response.noContent().build());
    }

    /** Where a case is; {@code caseRef} is the case's number (2026-000123) or its id. */
    @GET
    @Path("/routing-decisions/{caseRef}")
    @Operation(
            summary = "Where a case was routed",
            description =
                    "The routing decision of one case: mode, lead, co-handlers, rule, state; for"
                            + " those the read rule lets read the case")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "MALFORMED_CASE_REF")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the case lies outside the caller's grids and is not their"
                            + " department's; NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no such number; DECISION_NOT_FOUND: not routed yet")
    public Uni<DecisionView> decision(@PathParam("caseRef") String caseRef) {
        return refs.idOf(caseRef)
                .call(
                        caseId ->
                                policy.caller()
                                        .chain(
                                                person ->
                                                        sites.of(caseId)
                                                                .invoke(
                                                                        site ->
                                                                                policy.requireReads(
                                                                                        person,
                                                                                        site))))
                .chain(
                        caseId ->
                                routing.decisionFor(caseId)
                                        .map(
                                                decision -> {
                                                    if (decision == null) {
                                                        throw new Problem(
                                                                NOT_FOUND,
                                                                "DECISION_NOT_FOUND",
                                                                "caseRef",
                                                                "case "
                                                                        + caseRef
                                                                        + " has not been routed");
                                                    }
                                                    return DecisionView.of(decision);
                                                }));
    }

    /**
     * No body: the case is in the path, the caller in the token (any content type, or none, will
     * do).
     */
    @POST
    @Path("/routing-decisions/{caseRef}/acceptance")
    @Consumes(MediaType.WILDCARD)
    public Uni<DecisionView> accept(@PathParam("caseRef") String caseRef) {
        return refs.idOf(caseRef)
                .chain(caseId -> policy.caller().chain(person -> routing.accept(caseId, person)))
                .map(DecisionView::of);
    }

    @POST
    @Path("/routing-decisions/{caseRef}/send-back")
    public Uni<DecisionView> sendBack(
            @PathParam("caseRef") String caseRef,
            @NotNull @Valid CaseActionRequests.SendBack request) {
        return refs.idOf(caseRef)
                .chain(
                        caseId ->
                                policy.caller()
                                        .chain(
                                                person ->
                                                        routing.sendBack(
                                                                caseId, person, request.reason())))
                .map(DecisionView::of);
    }

    @POST
    @Path("/routing-decisions/{caseRef}/override")
    @Operation(
            summary = "Dispatch a case by hand",
            description =
                    "A dispatcher or duty chief of the district the case lies in routes it by hand"
                            + " (in the grid, to a department with co-handlers, or to the command"
                            + " center)")
    @APIResponse(responseCode = "200", description = "The new decision")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT: departmentCode missing for DEPARTMENT; MALFORMED_CASE_REF")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_FOR_YOUR_ROLE: no dispatcher or duty chief post; NOT_YOUR_DISTRICT: the"
                            + " case lies outside the district the post serves")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND, DECISION_NOT_FOUND")
    @APIResponse(
            responseCode = "409",
            description = "CASE_MOVED_ON, ALREADY_ACCEPTED: the case has left the dispatch steps")
    @APIResponse(responseCode = "422", description = "UNKNOWN_DEPARTMENT")
    public Uni<DecisionView> override(
            @PathParam("caseRef") String caseRef,
            @NotNull @Valid CaseActionRequests.Override request) {
        if (request.mode() == RoutingMode.DEPARTMENT
                && (request.departmentCode() == null || request.departmentCode().isBlank())) {
            throw new Problem(
                    INVALID,
                    "INVALID_INPUT",
                    "departmentCode",
                    "departmentCode is required when mode is DEPARTMENT");
        }
        return refs.idOf(caseRef)
                .chain(
                        caseId ->
                                policy.caller()
                                        .chain(
                                                person ->
                                                        sites.of(caseId)
                                                                .map(
                                                                        site ->
                                                                                policy.dispatcher(
                                                                                        person,
                                                                                        site)))
                                        .chain(
                                                dispatcher ->
                                                        routing.override(
                                                                caseId,
                                                                new RoutingService.Override(
                                                                        request.mode(),
                                                                        request.departmentCode(),
                                                                        request.coHandlers() == null
                                                                                ? List.of()
                                                                                : request
                                                                                        .coHandlers(),
                                                                        dispatcher,
                                                                        request.reason()))))
                .map(DecisionView::of);
    }
}
