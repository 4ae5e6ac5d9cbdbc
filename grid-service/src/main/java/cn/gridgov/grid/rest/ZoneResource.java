package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.department.ZoneService;
import cn.gridgov.grid.department.ZoneView;
import cn.gridgov.kit.identity.SignedIn;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ZoneResource {

    private final ZoneService zones;
    private final SignedIn signedIn;
    private final AccessPolicy policy;
    private final Bodies bodies;

    public ZoneResource(ZoneService zones, SignedIn signedIn, AccessPolicy policy, Bodies bodies) {
        this.bodies = bodies;
        this.signedIn = signedIn;
        this.policy = policy;
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
    public Uni<Response> create(ZoneView body) {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "create a zone");
        return zones.create(bodies.present(body), caller.staffId())
                .map(
                        created ->
                                Response.created(URI.create("/api/v1/zones/" + created.code()))
                                        .entity(created)
                                        .build());
    }
}
