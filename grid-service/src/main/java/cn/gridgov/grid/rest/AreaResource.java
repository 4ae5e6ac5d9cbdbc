package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaProblem;
import cn.gridgov.grid.area.GridAreaService;
import cn.gridgov.grid.area.NewArea;
import cn.gridgov.kit.identity.SignedIn;
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

/** Areas and locate: reads for any signed-in caller, creating an area for an administrator. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
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
