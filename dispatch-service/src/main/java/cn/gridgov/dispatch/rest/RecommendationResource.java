package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.CaseSites;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.dispatch.recommend.HandlerRanking;
import cn.gridgov.dispatch.recommend.RecommendationService;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cases/{caseRef}/handler-recommendations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.DISPATCH)
public class RecommendationResource {

    private final RecommendationService recommendations;
    private final CaseRefs refs;
    private final DispatchPolicy policy;
    private final CaseSites sites;

    public RecommendationResource(
            RecommendationService recommendations,
            CaseRefs refs,
            DispatchPolicy policy,
            CaseSites sites) {
        this.recommendations = recommendations;
        this.refs = refs;
        this.policy = policy;
        this.sites = sites;
    }

    /** The top three staff for a case, best first, each with the reasons for their place. */
    @GET
    @Operation(
            summary = "Who should handle a case",
            description =
                    "The top three on-duty staff for a case (of a post's role if given), best first, each with the reasons for their place: distance, open work, their record with the category.")
    @APIResponse(responseCode = "200", description = "Up to three people, best first")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT (role is not a post code), MALFORMED_CASE_REF")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case with this number or id is known to dispatch")
    @APIResponse(responseCode = "422", description = "CASE_NOT_LOCATED: the case has no place yet")
    @APIResponse(
            responseCode = "503",
            description = "GRID_SERVICE_UNAVAILABLE: grid-service cannot be reached now")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the case lies outside the caller's grids and is not their"
                            + " department's; NOT_FOR_YOUR_ROLE: no post that reads cases")
    public Uni<List<HandlerRanking.Recommendation>> recommend(
            @PathParam("caseRef") String caseRef,
            @QueryParam("role")
                    @Pattern(
                            regexp = "[A-Z_]{1,40}",
                            message = "must be a post code such as GRID_CHIEF")
                    String role) {
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
                .chain(caseId -> recommendations.recommend(caseId, role));
    }
}
