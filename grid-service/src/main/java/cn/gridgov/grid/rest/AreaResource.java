package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaProblem;
import cn.gridgov.grid.area.GridAreaService;
import cn.gridgov.grid.area.NewArea;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Areas and locate: reads for any signed-in caller, creating an area for an administrator. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.GRIDS)
public class AreaResource {

    private final GridAreaService service;
    private final ObjectMapper json;
    private final SignedIn signedIn;
    private final AccessPolicy policy;
    private final Bodies bodies;

    public AreaResource(
            GridAreaService service,
            ObjectMapper json,
            SignedIn signedIn,
            AccessPolicy policy,
            Bodies bodies) {
        this.bodies = bodies;
        this.signedIn = signedIn;
        this.policy = policy;
        this.service = service;
        this.json = json;
    }

    @POST
    @Path("/areas")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an area",
            description =
                    "Adds one area (district, town, community, comprehensive or dedicated grid) with its polygon, a GeoJSON geometry in WGS 84 inside its parent's. Emits grid.area-created. Many areas at once, or changes to existing ones: the GeoJSON import.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a grid of community D01-S1-C2",
                                            value =
                                                    """
                                                    {"code":"G49","name":"柘汪镇第49网格","level":"GRID","kind":"COMPREHENSIVE","parentCode":"D01-S1-C2",
                                                     "geometry":{"type":"Polygon","coordinates":[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]}}
                                                    """)))
    @APIResponse(
            responseCode = "201",
            description = "Created: the area without its polygon; Location names it",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"code":"G49","name":"柘汪镇第49网格","level":"GRID","kind":"COMPREHENSIVE","parentCode":"D01-S1-C2"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT, UNREADABLE_BODY, GEOMETRY_UNREADABLE, GEOMETRY_NOT_POLYGONAL, GEOMETRY_WRONG_SRID, GEOMETRY_OUT_OF_RANGE, GEOMETRY_INVALID, PARENT_UNKNOWN, OUTSIDE_PARENT: the field names what is wrong")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator creates areas")
    @APIResponse(responseCode = "409", description = "AREA_EXISTS: an area has this code")
    public Uni<Response> create(AreaRequest body) {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "create an area");
        var request = bodies.valid(body);
        var area =
                new NewArea(
                        request.code(),
                        request.name(),
                        request.level(),
                        request.kind() == null ? AreaKind.COMPREHENSIVE : request.kind(),
                        request.parentCode(),
                        request.geometry().toString());
        return service.create(area, caller.staffId())
                .map(
                        created ->
                                Response.created(URI.create("/api/v1/areas/" + created.code))
                                        .entity(AreaView.of(created))
                                        .build());
    }

    /** The area as a GeoJSON Feature, so any map or GIS tool can show it. */
    @GET
    @Path("/areas/{code}")
    @Operation(
            summary = "An area with its polygon",
            description =
                    "The area as a GeoJSON Feature: its code as the id; code, name, level, kind and parent as properties; its polygon in WGS 84.")
    @APIResponse(
            responseCode = "200",
            description = "The area as a GeoJSON Feature",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"type":"Feature","id":"G07","properties":{"code":"G07","name":"柘汪镇第7网格","level":"GRID","kind":"COMPREHENSIVE","parentCode":"D01-S1-C2"},
                                                     "geometry":{"type":"MultiPolygon","coordinates":[[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]]}}
                                                    """)))
    @APIResponse(responseCode = "404", description = "AREA_NOT_FOUND: no area has this code")
    public Uni<Map<String, Object>> get(@PathParam("code") String code) {
        return service.get(code)
                .chain(
                        area ->
                                service.geoJsonOf(code)
                                        .map(
                                                geometry ->
                                                        Map.of(
                                                                "type",
                                                                "Feature",
                                                                "id",
                                                                area.code,
                                                                "properties",
                                                                AreaView.of(area),
                                                                "geometry",
                                                                readTree(geometry))));
    }

    @GET
    @Path("/locate")
    @Operation(
            summary = "Which grid a point lies in",
            description =
                    "The comprehensive grid holding the point (lon, lat in WGS 84), its ancestors up to the district and the dedicated grids around it; where comprehensive grids overlap, overlapping lists every one of them and grid is the lowest code.")
    @APIResponse(
            responseCode = "200",
            description = "The grid, its ancestors and its dedicated grids",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"longitude":119.165,"latitude":35.004,"grid":{"code":"G07","name":"柘汪镇第7网格","level":"GRID","kind":"COMPREHENSIVE","parentCode":"D01-S1-C2"},
                                                     "ancestors":[{"code":"D01-S1-C2","name":"柘汪村","level":"COMMUNITY","kind":"COMPREHENSIVE","parentCode":"D01-S1"}],
                                                     "dedicated":[],"overlapping":[]}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT: lon or lat missing, not a number or out of range")
    @APIResponse(
            responseCode = "404",
            description =
                    "OUTSIDE_GRIDS: the point lies in no grid (the message names the nearest)")
    public Uni<LocationView> locate(
            @QueryParam("lon") String lonParam, @QueryParam("lat") String latParam) {
        double lon = QueryNumbers.required("lon", lonParam, -180, 180);
        double lat = QueryNumbers.required("lat", latParam, -90, 90);
        return service.locate(lon, lat).map(location -> LocationView.of(lon, lat, location));
    }

    /**
     * Many points in one request, answered in the order asked: for a service that locates what
     * arrives together (case-service's intake) one round trip instead of one per point. A point
     * outside every grid is answered with why, not refused; a point not a coordinate is a 400 that
     * names it.
     */
    @POST
    @Path("/locate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Locate many points at once",
            description =
                    "Up to 1,000 points in one round trip, answered in the order asked: for a service that locates what arrives together. A point outside every grid is answered with why, not refused.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "two points",
                                            value =
                                                    """
                                                    {"points":[{"longitude":119.165,"latitude":35.004},{"longitude":90.0,"latitude":20.0}]}
                                                    """)))
    @APIResponse(responseCode = "200", description = "Each point's location, in the order asked")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (no points, more than 1,000, a coordinate missing or out of range: the field names it), UNREADABLE_BODY")
    public Uni<Map<String, List<PointLocation>>> locateMany(
            @NotNull @Valid LocateManyRequest request) {
        // One point after the other: an outside point asks PostGIS for the nearest grid in the
        // session.
        return Multi.createFrom()
                .iterable(request.points())
                .onItem()
                .transformToUniAndConcatenate(
                        point -> locateOne(point.longitude(), point.latitude()))
                .collect()
                .asList()
                .map(locations -> Map.of("locations", locations));
    }

    private Uni<PointLocation> locateOne(double lon, double lat) {
        return service.locate(lon, lat)
                .map(location -> PointLocation.located(lon, lat, location))
                .onFailure(
                        failure ->
                                failure instanceof AreaProblem problem
                                        && "OUTSIDE_GRIDS".equals(problem.code()))
                .recoverWithItem(outside -> PointLocation.outside(lon, lat, outside.getMessage()));
    }

    private Object readTree(String geometry) {
        try {
            return json.readTree(geometry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostGIS returned unreadable GeoJSON", e);
        }
    }
}
