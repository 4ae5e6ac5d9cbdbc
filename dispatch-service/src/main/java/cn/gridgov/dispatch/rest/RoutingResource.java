package cn.gridgov.dispatch.rest;

import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;

import cn.gridgov.dispatch.access.CaseSites;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.routing.RuleService;
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The rules, the decisions, and what departments and dispatchers do with a routed case. Any
 * signed-in caller reads; every change is decided by {@link DispatchPolicy}.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.DISPATCH)
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
    @Operation(
            summary = "The routing rules",
            description =
                    "Every routing rule: which category (by code prefix), area, subject type and level goes where (a department, the grid, or the command center by hand), most specific first.")
    @APIResponse(responseCode = "200", description = "The rules")
    public Uni<List<RuleView>> rules() {
        return rules.list().map(list -> list.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("/routing-rules/{id}")
    @Operation(summary = "A routing rule", description = "One routing rule by its id.")
    @APIResponse(
            responseCode = "200",
            description = "The rule",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"R-0102-PORT","categoryPrefix":"0102","areaCode":"DG-PORT","subjectType":null,"level":null,"mode":"DEPARTMENT",
                                                     "departmentCode":"GKJ","departmentName":"港口管理局","coHandlers":["ZHZF"],"priority":10,"description":"港区的违法建设由港口管理局牵头"}
                                                    """)))
    @APIResponse(responseCode = "404", description = "RULE_NOT_FOUND: no rule has this id")
    public Uni<RuleView> rule(@PathParam("id") String id) {
        return rules.get(id).map(RuleView::of);
    }

    /** 201 with the new rule; 200 when exactly this rule already exists. */
    @POST
    @Path("/routing-rules")
    @Operation(
            summary = "Create a routing rule",
            description =
                    "Adds a routing rule; it decides the cases accepted from now on. Sending exactly the same rule again answers 200 with it, so a client may resend.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "port construction to the port authority",
                                            value =
                                                    """
                                                    {"id":"R-0102-PORT","categoryPrefix":"0102","areaCode":"DG-PORT","subjectType":null,"level":null,"mode":"DEPARTMENT",
                                                     "departmentCode":"GKJ","coHandlers":["ZHZF"],"priority":10,"description":"港区的违法建设由港口管理局牵头"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "This very rule exists already: nothing changed")
    @APIResponse(responseCode = "201", description = "Created: the rule; Location names it")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (id missing or malformed, the field names it), INVALID_INPUT (the field names it), MODE_MISMATCH (a department given for a mode without one, or none for DEPARTMENT), LEAD_MISSING, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator edits the rules")
    @APIResponse(
            responseCode = "409",
            description =
                    "RULE_EXISTS (another rule has this id), OVERLAPPING_RULES (a rule with the same conditions and priority exists)")
    @APIResponse(
            responseCode = "422",
            description =
                    "UNKNOWN_AREA, UNKNOWN_DEPARTMENT: the area or a department is not in grid-service's organisation")
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
    @Operation(
            summary = "Replace a routing rule",
            description =
                    "Replaces a rule (the id comes from the path); it decides the cases accepted from now on.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "to the command center by hand",
                                            value =
                                                    """
                                                    {"categoryPrefix":"0102","areaCode":"DG-PORT","mode":"MANUAL","priority":10,"description":"港区的违法建设由指挥中心派遣"}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The rule as now stored")
    @APIResponse(
            responseCode = "400",
            description =
                    "ID_MISMATCH (the body names another rule), INVALID_INPUT (the field names it), MODE_MISMATCH (a department given for a mode without one, or none for DEPARTMENT), LEAD_MISSING, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator edits the rules")
    @APIResponse(responseCode = "404", description = "RULE_NOT_FOUND: no rule has this id")
    @APIResponse(
            responseCode = "409",
            description = "OVERLAPPING_RULES: a rule with the same conditions and priority exists")
    @APIResponse(
            responseCode = "422",
            description =
                    "UNKNOWN_AREA, UNKNOWN_DEPARTMENT: the area or a department is not in grid-service's organisation")
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
    @Operation(
            summary = "Delete a routing rule",
            description = "Removes a rule; cases already routed keep their decision.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator edits the rules")
    @APIResponse(responseCode = "404", description = "RULE_NOT_FOUND: no rule has this id")
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
                    "The routing decision of a case: mode, lead department, co-handlers, the rule or dispatcher that decided and why, its state (routed, accepted, sent back).")
    @APIResponse(
            responseCode = "200",
            description = "The decision",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"caseId":"0f8e…","caseNumber":"2026-000001","category":"0101","gridCode":"G07","mode":"DEPARTMENT","departmentCode":"ZHZF","departmentName":"综合行政执法局",
                                                     "coHandlers":["ZJJ"],"ruleId":"R-0101","reason":"rule R-0101: category 0101","overriddenBy":null,"overrideReason":null,"state":"ROUTED"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "MALFORMED_CASE_REF: caseRef is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "404",
            description =
                    "CASE_NOT_FOUND, DECISION_NOT_FOUND: the case is unknown here or has not been routed")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the case lies outside the caller's grids and is not their"
                            + " department's; NOT_FOR_YOUR_ROLE: no post that reads cases")
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
    @Operation(
            summary = "The lead department accepts a case",
            description =
                    "The lead department's staff (or, for a case handled in the grid, the grid chief of its grid) accepts the routed case; no body, the caller comes from the token. Emits dispatch.accepted.")
    @APIResponse(responseCode = "200", description = "The decision, accepted")
    @APIResponse(
            responseCode = "400",
            description =
                    "MALFORMED_CASE_REF: caseRef is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_DEPARTMENT (not staff of the lead department), NOT_YOUR_GRID (not the grid chief of the case's grid)")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND, DECISION_NOT_FOUND")
    @APIResponse(
            responseCode = "409",
            description = "CASE_MOVED_ON: the case has left the dispatch steps")
    public Uni<DecisionView> accept(@PathParam("caseRef") String caseRef) {
        return refs.idOf(caseRef)
                .chain(caseId -> policy.caller().chain(person -> routing.accept(caseId, person)))
                .map(DecisionView::of);
    }

    @POST
    @Path("/routing-decisions/{caseRef}/send-back")
    @Operation(
            summary = "The lead department sends a case back",
            description =
                    "Not ours: the lead department sends the case back with a reason; it is routed again without that department, or queued for a dispatcher. The send-back is counted in its evaluation.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "not ours",
                                            value =
                                                    """
                                                    {"reason":"井盖属于供水公司，不属本局"}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The decision after the send-back")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (reason missing or over 500 characters), UNREADABLE_BODY, MALFORMED_CASE_REF: caseRef is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "403",
            description = "NOT_YOUR_DEPARTMENT, NOT_YOUR_GRID: only the lead may send it back")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND, DECISION_NOT_FOUND")
    @APIResponse(
            responseCode = "409",
            description =
                    "ALREADY_ACCEPTED (the lead accepted it already), CASE_MOVED_ON (the case has left the dispatch steps)")
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
                    "A dispatcher or duty chief routes the case themselves: to a department (with co-handlers), to the grid, or back to the queue, with a reason. Emits dispatch.routed.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "to the enforcement bureau",
                                            value =
                                                    """
                                                    {"mode":"DEPARTMENT","departmentCode":"ZHZF","coHandlers":["ZJJ"],"reason":"占道经营归执法局"}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The new decision")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (mode missing, departmentCode missing for DEPARTMENT, reason missing), UNREADABLE_BODY, MALFORMED_CASE_REF: caseRef is neither a case number (2026-000123) nor a case id")
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: only a dispatcher or duty chief dispatches by hand")
    @APIResponse(responseCode = "404", description = "CASE_NOT_FOUND, DECISION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ALREADY_ACCEPTED, CASE_MOVED_ON")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_DEPARTMENT: a department is not in the organisation")
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
