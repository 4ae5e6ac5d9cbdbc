package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.department.ZoneService;
import cn.gridgov.grid.department.ZoneView;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Enforcement zones (片区). */
@Path("/api/v1/zones")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.GRIDS)
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
    @Operation(
            summary = "Every enforcement zone",
            description = "The enforcement zones (片区), each with the grids it covers.")
    @APIResponse(responseCode = "200", description = "The zones")
    public Uni<List<ZoneView>> all() {
        return zones.all();
    }

    @GET
    @Path("/{code}")
    @Operation(
            summary = "One enforcement zone",
            description = "An enforcement zone (片区) by its code.")
    @APIResponse(responseCode = "200", description = "The zone")
    @APIResponse(responseCode = "404", description = "ZONE_NOT_FOUND: no zone has this code")
    public Uni<ZoneView> get(@PathParam("code") String code) {
        return zones.get(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an enforcement zone",
            description =
                    "Adds an enforcement zone (片区) over the grids it names; departments name it among their zones.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a zone",
                                            value =
                                                    """
                                                    {"code":"Z-PORT-2","name":"港区二号片区","areas":["G01","G02"]}
                                                    """)))
    @APIResponse(responseCode = "201", description = "Created: the zone; Location names it")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT (code or name missing), UNKNOWN_AREA, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator creates zones")
    @APIResponse(responseCode = "409", description = "ZONE_EXISTS: a zone has this code")
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
