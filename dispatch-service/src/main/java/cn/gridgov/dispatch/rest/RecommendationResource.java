package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.recommend.HandlerRanking;
import cn.gridgov.dispatch.recommend.RecommendationService;
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
import java.util.UUID;

@Path("/api/v1/cases/{caseId}/handler-recommendations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    /** The top three staff for a case, best first, each with the reasons for their place. */
    @GET
    public Uni<List<HandlerRanking.Recommendation>> recommend(@PathParam("caseId") UUID caseId,
            @QueryParam("role") @Pattern(regexp = "[A-Z_]{1,40}", message = "must be a post code such as GRID_CHIEF") String role) {
        return recommendations.recommend(caseId, role);
    }
}
