package cn.gridgov.cases.rest;

import cn.gridgov.cases.grid.GridOutlines;
import cn.gridgov.cases.search.OnSiteTasks;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

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
    public Uni<OnSiteTasks.Tasks> myTasks() {
        return myGridCodes().chain(tasks::in);
    }

    @GET
    @Path("/my-grids")
    @Produces(GEO_JSON)
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
