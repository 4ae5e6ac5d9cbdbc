package cn.gridgov.grid.rest;

import cn.gridgov.grid.department.ZoneService;
import cn.gridgov.grid.department.ZoneView;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Enforcement zones (片区). */
@Path("/api/v1/zones")
@Produces(MediaType.APPLICATION_JSON)
public class ZoneResource {

    private final ZoneService zones;

    public ZoneResource(ZoneService zones) {
        this.zones = zones;
    }

    @GET
    public Uni<List<ZoneView>> all() {
        return zones.all();
    }

    @GET
    @Path("/{code}")
    public Uni<ZoneView> get(@PathParam("code") String code) {
        return zones.get(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@NotNull ZoneView zone) {
        return zones.create(zone).map(created -> Response.created(URI.create("/api/v1/zones/" + created.code()))
                .entity(created).build());
    }
}
