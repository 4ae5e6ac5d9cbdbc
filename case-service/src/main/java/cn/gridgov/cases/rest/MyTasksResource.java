package cn.gridgov.cases.rest;

import cn.gridgov.cases.grid.GridOutlines;
import cn.gridgov.cases.search.OnSiteTasks;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A grid worker's phone asks what waits for them on site: {@code GET /api/v1/my-tasks} (cases to
 * verify and results to check in the grids where they hold a post, and those grids' open cases) and
 * {@code GET /api/v1/my-grids} (those grids' outlines, GeoJSON, for the map). The grids come from
 * the signed-in person's posts, as {@link CasePolicy#onSiteGrids} reads them; nobody names them in
 * a request.
 */
@Authenticated
@Path("/api/v1")
public class MyTasksResource {

    static final String GEO_JSON = "application/geo+json";

    private final OnSiteTasks tasks;
    private final GridOutlines outlines;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public MyTasksResource(
            OnSiteTasks tasks,
            GridOutlines outlines,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy) {
        this.tasks = tasks;
        this.outlines = outlines;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
    }

    @GET
    @Path("/my-tasks")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiTags.VERIFY)
    @Operation(
            summary = "My on-site tasks",
            description =
                    "The grid worker's or grid chief's work in their grids: the cases to verify and the results to check, each with its place and clock.")
    @APIResponse(responseCode = "200", description = "The cases to verify and to check")
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: for grid workers and grid chiefs")
    public Uni<OnSiteTasks.Tasks> myTasks() {
        return myGridCodes().chain(tasks::in);
    }

    @GET
    @Path("/my-grids")
    @Produces(GEO_JSON)
    @Tag(name = ApiTags.COLLECT)
    @Operation(
            summary = "My grids as GeoJSON",
            description = "The outlines of the caller's grids, for the phone's map.")
    @APIResponse(
            responseCode = "200",
            description = "A GeoJSON FeatureCollection",
            content =
                    @Content(
                            mediaType = "application/geo+json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"type":"FeatureCollection","features":[{"type":"Feature","id":"G07","properties":{"code":"G07","name":"柘汪镇第7网格"},"geometry":{"type":"MultiPolygon","coordinates":[]}}]}
                                                    """)))
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: for grid workers and grid chiefs")
    @APIResponse(
            responseCode = "503",
            description = "GRID_SERVICE_UNAVAILABLE: grid-service cannot be reached now")
    public Uni<String> myGrids() {
        return myGridCodes().chain(outlines::of).map(ObjectNode::toString);
    }

    private Uni<Set<String>> myGridCodes() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .map(scope -> policy.onSiteGrids(new CasePolicy.Who(caller, scope)));
    }
}
