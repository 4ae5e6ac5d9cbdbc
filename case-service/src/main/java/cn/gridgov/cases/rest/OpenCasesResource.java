package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The open cases as case-service holds them, compactly: what dispatch-service compares its own view
 * with (its reconciliation). Cursor-paged by case id, for the system's services only (a service
 * token).
 */
@Authenticated
@Path("/api/v1/reconciliation/open-cases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.OPERATIONS)
public class OpenCasesResource {

    private static final UUID FIRST = new UUID(0, 0);

    /** One open case: where it is, who handles it, and when it last changed. */
    public record OpenCase(
            UUID caseId,
            String number,
            CaseStatus status,
            String step,
            String handlerDepartment,
            String handlerKind,
            Instant updatedAt) {
        static OpenCase of(Case c) {
            return new OpenCase(
                    c.id,
                    c.number,
                    c.status,
                    c.step == null ? null : c.step.name(),
                    c.routedDepartment,
                    c.handlerKind == null ? null : c.handlerKind.name(),
                    c.updatedAt);
        }
    }

    /** A page; {@code next} is the cursor of the following page, null after the last. */
    public record Page(List<OpenCase> cases, String next) {}

    private final CaseRepository cases;
    private final SignedIn signedIn;
    private final CasePolicy policy;

    public OpenCasesResource(CaseRepository cases, SignedIn signedIn, CasePolicy policy) {
        this.cases = cases;
        this.signedIn = signedIn;
        this.policy = policy;
    }

    @GET
    @WithSession
    @Operation(
            summary = "Every open case, compactly, for reconciliation",
            description =
                    "The open cases a page at a time (limit 1 to 2,000, after the cursor next of the previous page): where each is, who handles it and when it last changed. For dispatch-service's reconciliation.")
    @APIResponse(
            responseCode = "200",
            description = "A page and the cursor of the next (null after the last)")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_CURSOR (after is not a cursor of this list), INVALID_INPUT (limit out of 1..2000)")
    @APIResponse(
            responseCode = "403",
            description = "SERVICES_ONLY: only another service of the system reads it")
    public Uni<Page> openCases(
            @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(2000) int limit) {
        policy.requireService(signedIn.caller(), "the list of open cases");
        var from = cursor(after);
        // is_open (CaseStatus#isOpen, written beside the status) with its partial index on the id
        // (V14).
        return cases.find("open = true and id > ?1", Sort.by("id"), from)
                .page(0, limit)
                .list()
                .map(
                        list ->
                                new Page(
                                        list.stream().map(OpenCase::of).toList(),
                                        list.size() < limit
                                                ? null
                                                : list.get(list.size() - 1).id.toString()));
    }

    private static UUID cursor(String after) {
        if (after == null || after.isEmpty()) {
            return FIRST;
        }
        try {
            return UUID.fromString(after);
        } catch (IllegalArgumentException malformed) {
            throw Problem.invalid(
                    "INVALID_CURSOR",
                    "after",
                    "after must be the next cursor of the previous page (a case id)");
        }
    }
}
