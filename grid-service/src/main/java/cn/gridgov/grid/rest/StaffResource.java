package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.staff.LocationPing;
import cn.gridgov.grid.staff.NewStaff;
import cn.gridgov.grid.staff.Post;
import cn.gridgov.grid.staff.RoleCatalogue;
import cn.gridgov.grid.staff.StaffService;
import cn.gridgov.grid.staff.StaffView;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Staff and their posts, duty and whereabouts. Reads for any signed-in caller; a person is created
 * and replaced by an administrator, goes on duty themselves (or by an administrator), and reports
 * only their own location (or a service relays it).
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

    /** A person as a client sends them; on PUT the id comes from the path. */
    public record StaffRequest(
            String id,
            String name,
            String phone,
            String departmentCode,
            Boolean onDuty,
            List<Post> posts) {}

    public record DutyRequest(@NotNull Boolean onDuty) {}

    public record LocationRequest(
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            Double accuracyMeters,
            @NotNull Instant at) {}

    private final StaffService staff;
    private final RoleCatalogue roles;
    private final SignedIn signedIn;
    private final AccessPolicy policy;
    private final Bodies bodies;

    public StaffResource(
            StaffService staff,
            RoleCatalogue roles,
            SignedIn signedIn,
            AccessPolicy policy,
            Bodies bodies) {
        this.bodies = bodies;
        this.signedIn = signedIn;
        this.policy = policy;
        this.staff = staff;
        this.roles = roles;
    }

    @GET
    @Path("/roles")
    public Set<String> roles() {
        return roles.roles();
    }

    @POST
    @Path("/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(StaffRequest body) {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "create a person");
        var request = bodies.present(body);
        return staff.create(toNew(request.id(), request), caller.staffId())
                .map(
                        created ->
                                Response.created(URI.create("/api/v1/staff/" + created.staffId()))
                                        .entity(created)
                                        .build());
    }

    @PUT
    @Path("/staff/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<StaffView> update(@PathParam("id") String id, StaffRequest body) {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "change a person");
        var request = bodies.present(body);
        if (request.id() != null && !request.id().equals(id)) {
            throw Problem.invalid(
                    "ID_MISMATCH", "id", "the body names " + request.id() + " but the path " + id);
        }
        return staff.update(toNew(id, request), caller.staffId());
    }

    @PUT
    @Path("/staff/{id}/duty")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<StaffView> duty(@PathParam("id") String id, DutyRequest body) {
        var caller = signedIn.caller();
        policy.requireSelfOrAdmin(caller, id);
        return staff.setOnDuty(id, bodies.valid(body).onDuty(), caller.staffId());
    }

    @GET
    @Path("/staff/{id}")
    public Uni<StaffView> get(@PathParam("id") String id) {
        return staff.get(id);
    }

    /**
     * A ping from a phone; answered 202 because an older ping than the stored one is accepted and
     * ignored.
     */
    @POST
    @Path("/staff/{id}/location")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> location(@PathParam("id") String id, LocationRequest body) {
        policy.requireSelf(signedIn.caller(), id);
        var request = bodies.valid(body);
        return staff.recordLocation(
                        new LocationPing(
                                id,
                                request.longitude(),
                                request.latitude(),
                                request.accuracyMeters(),
                                request.at()))
                .map(ignored -> Response.accepted().build());
    }

    @GET
    @Path("/staff/nearest")
    public Uni<List<StaffView>> nearest(
            @QueryParam("lon") String lon,
            @QueryParam("lat") String lat,
            @QueryParam("role") String role,
            @QueryParam("limit") @DefaultValue("5") String limit) {
        int parsed;
        try {
            parsed = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw Problem.invalid("INVALID_INPUT", "limit", "limit must be a whole number");
        }
        return staff.nearestOnDuty(
                QueryNumbers.required("lon", lon, -180, 180),
                QueryNumbers.required("lat", lat, -90, 90),
                role,
                parsed);
    }

    @GET
    @Path("/areas/{code}/on-duty")
    public Uni<List<StaffView>> onDuty(
            @PathParam("code") String code, @QueryParam("role") String role) {
        return staff.onDutyIn(code, role);
    }

    private static NewStaff toNew(String id, StaffRequest r) {
        return new NewStaff(
                id,
                r.name(),
                r.phone(),
                r.departmentCode(),
                r.onDuty() != null && r.onDuty(),
                r.posts());
    }
}
