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
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * What the command-center console shows: what waits for a dispatcher, what is overdue, the
 * whistles, live changes.
 */
@Path("/api/v1")
@Authenticated
@Tag(name = ApiTags.SUPERVISE)
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
    @Operation(
            summary = "The dispatch queue",
            description =
                    "Cases the routing rules left to the command center, and cases sent back and routed again, not yet accepted by a department: what waits for a dispatcher.")
    @APIResponse(responseCode = "200", description = "The queued cases, oldest first")
    public Uni<List<DispatchQueue.Queued>> queue() {
        return queue.list();
    }

    /** Open cases past the due time of their current step (red), most overdue first. */
    @GET
    @Path("/overdue-cases")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The overdue cases",
            description =
                    "Open cases past the due time of their current step (red), most overdue first, with their escalation level.")
    @APIResponse(responseCode = "200", description = "The overdue cases, most overdue first")
    public Uni<List<OverdueCases.Overdue>> overdue() {
        return overdue.list();
    }

    /** The open whistles and who has reported for each. */
    @GET
    @Path("/whistle-board")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The whistle board",
            description =
                    "The open whistles (吹哨报到) and which summoned departments have reported on site.")
    @APIResponse(responseCode = "200", description = "The open whistles")
    public Uni<List<WhistleView>> whistleBoard() {
        return whistles.board(Whistle.State.OPEN)
                .map(list -> list.stream().map(WhistleView::of).toList());
    }

    /** The departments a dispatcher can make lead or co-handler, district ones first. */
    @GET
    @Path("/departments")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The departments a case may be dispatched to",
            description =
                    "The departments a dispatcher can make lead or co-handler, district ones first.")
    @APIResponse(responseCode = "200", description = "The departments")
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
    @Operation(
            summary = "The grids as GeoJSON for the map",
            description =
                    "The district's grids as a GeoJSON FeatureCollection, for the console's map, fetched from grid-service and kept.")
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
                                                    {"type":"FeatureCollection","features":[{"type":"Feature","id":"G07","properties":{"code":"G07","name":"柘汪镇第7网格","level":"GRID","kind":"COMPREHENSIVE"},
                                                     "geometry":{"type":"MultiPolygon","coordinates":[[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]]}}]}
                                                    """)))
    @APIResponse(
            responseCode = "503",
            description =
                    "GRID_SERVICE_UNAVAILABLE: grid-service cannot be reached now; try again later")
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
    @Operation(
            summary = "Every open case on the map",
            description =
                    "Every open case with its grid, place, step and clock (green, yellow, red), for the console's markers, heat layer and grid colours.")
    @APIResponse(responseCode = "200", description = "The open cases")
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
    @Operation(
            summary = "The enforcement zones",
            description =
                    "The enforcement zones (片区), each with its areas and the departments patrolling it, for the console's zone layer.")
    @APIResponse(responseCode = "200", description = "The zones")
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
    @Operation(
            summary = "Live changes",
            description =
                    "Every event this service publishes from now on (routed, accepted, sent back, whistles, escalations), one CloudEvent in JSON per server-sent event; the stream does not end.")
    @APIResponse(
            responseCode = "200",
            description = "A stream of server-sent events, each a CloudEvent in JSON")
    public Multi<String> stream() {
        return feed.stream();
    }
}
