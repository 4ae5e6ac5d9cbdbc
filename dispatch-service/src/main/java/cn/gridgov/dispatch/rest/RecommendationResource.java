package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.casefile.CaseRefs;
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

@Path("/api/v1/cases/{caseRef}/handler-recommendations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RecommendationService recommendations;
    private final CaseRefs refs;

    public RecommendationResource(RecommendationService recommendations, CaseRefs refs) {
        this.recommendations = recommendations;
        this.refs = refs;
    }

    /** The top three staff for a case, best first, each with the reasons for their place. */
    @GET
    public Uni<List<HandlerRanking.Recommendation>> recommend(
            @PathParam("caseRef") String caseRef,
            @QueryParam("role")
                    @Pattern(
                            regexp = "[A-Z_]{1,40}",
                            message = "must be a post code such as GRID_CHIEF")
                    String role) {
        return refs.idOf(caseRef).chain(caseId -> recommendations.recommend(caseId, role));
    }
}
