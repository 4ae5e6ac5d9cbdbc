package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.command.ChangeFeed;
import cn.gridgov.dispatch.command.DispatchQueue;
import cn.gridgov.dispatch.command.OpenCaseMap;
import cn.gridgov.dispatch.command.OverdueCases;
import cn.gridgov.dispatch.gridmap.GridMap;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.dispatch.whistle.Whistle;
import cn.gridgov.dispatch.whistle.WhistleService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * What the command-center console shows: what waits for a dispatcher, what is overdue, the
 * whistles, live changes.
 */
@Path("/api/v1")
@Authenticated
public class CommandCenterResource {

    /**
     * Stand-ins a dispatcher reaches by mode, not by department: the grid chief (IN_GRID) and the
     * center (MANUAL).
     */
    private static final Set<String> STAND_INS = Set.of(Department.GRID, Department.COMMAND_CENTER);

    private final DispatchQueue queue;
    private final OverdueCases overdue;
    private final WhistleService whistles;
    private final ChangeFeed feed;
    private final RoutingTables tables;
    private final GridMap gridMap;
    private final OpenCaseMap openCases;

    public CommandCenterResource(
            DispatchQueue queue,
            OverdueCases overdue,
            WhistleService whistles,
            ChangeFeed feed,
            RoutingTables tables,
            GridMap gridMap,
            OpenCaseMap openCases) {
        this.queue = queue;
        this.overdue = overdue;
        this.whistles = whistles;
        this.feed = feed;
        this.tables = tables;
        this.gridMap = gridMap;
        this.openCases = openCases;
    }

    /**
     * Cases the rules left to the command center, and cases sent back and routed again, not yet
     * accepted.
     */
    @GET
    @Path("/dispatch-queue")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<DispatchQueue.Queued>> queue() {
        return queue.list();
    }

    /** Open cases past the due time of their current step (red), most overdue first. */
    @GET
    @Path("/overdue-cases")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<OverdueCases.Overdue>> overdue() {
        return overdue.list();
    }

    /** The open whistles and who has reported for each. */
    @GET
    @Path("/whistle-board")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<WhistleView>> whistleBoard() {
        return whistles.board(Whistle.State.OPEN)
                .map(list -> list.stream().map(WhistleView::of).toList());
    }

    /** The departments a dispatcher can make lead or co-handler, district ones first. */
    @GET
    @Path("/departments")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<DepartmentView>> departments() {
        return tables.current()
                .map(
                        t ->
                                t.organisation().departments().values().stream()
                                        .filter(d -> !STAND_INS.contains(d.code))
                                        .sorted(
                                                Comparator.comparing(
                                                                (Department d) -> d.level,
                                                                Comparator.nullsLast(
                                                                        Comparator.naturalOrder()))
                                                        .thenComparing(d -> d.code))
                                        .map(DepartmentView::of)
                                        .toList());
    }

    /**
     * The district's grids as GeoJSON, for the console's map; 503 GRID_SERVICE_UNAVAILABLE when
     * grid-service is down.
     */
    @GET
    @Path("/grid-map")
    @Produces(GridMap.GEO_JSON)
    public Uni<String> gridMap() {
        return gridMap.geoJson();
    }

    /**
     * Every open case with its grid, place and clock, for the console's markers, heat and grid
     * colours.
     */
    @GET
    @Path("/open-cases")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<OpenCaseMap.OpenCases> openCases() {
        return openCases.list();
    }

    /**
     * The enforcement zones, each with its areas and the departments patrolling it, for the
     * console's zone layer.
     */
    @GET
    @Path("/enforcement-zones")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<ZoneView>> zones() {
        return tables.current().map(t -> ZoneView.allOf(t.organisation()));
    }

    /**
     * Every event this service publishes from now on, one CloudEvent (JSON) per server-sent event.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        return feed.stream();
    }
}
