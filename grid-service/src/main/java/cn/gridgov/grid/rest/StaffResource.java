package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.staff.LocationPing;
import cn.gridgov.grid.staff.NewStaff;
import cn.gridgov.grid.staff.Post;
import cn.gridgov.grid.staff.RoleCatalogue;
import cn.gridgov.grid.staff.StaffService;
import cn.gridgov.grid.staff.StaffView;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Staff and their posts, duty and whereabouts. Reads for any signed-in caller; a person is created
 * and replaced by an administrator, goes on duty themselves (or by an administrator), and reports
 * only their own location (or a service relays it).
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.GRIDS)
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
            // A fix less precise than 100 km places nobody in a grid.
            @DecimalMin("0") @DecimalMax("100000") Double accuracyMeters,
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
    @Operation(
            summary = "The posts a person may hold",
            description =
                    "The roles of the posts (一长六员 and the department's staff) a person may be given in a grid or department.")
    @APIResponse(
            responseCode = "200",
            description = "The role names",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    ["GRID_CHIEF","GRID_WORKER","PATROLLER","INFORMANT","LIAISON","PARTY_SPECIALIST","INSPECTOR","DEPARTMENT_STAFF"]
                                                    """)))
    public Set<String> roles() {
        return roles.roles();
    }

    @POST
    @Path("/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a person",
            description =
                    "Adds a member of staff with their posts (a role in a grid or a department). Emits grid.staff-changed, so the other services see the posts at once.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a grid worker of G49",
                                            value =
                                                    """
                                                    {"id":"G49-2","name":"王芳","phone":"13800000049","departmentCode":null,"onDuty":false,
                                                     "posts":[{"role":"GRID_WORKER","areaCode":"G49"}]}
                                                    """)))
    @APIResponse(responseCode = "201", description = "Created: the person; Location names them")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (a field missing or malformed, a department staff without department: the field names it), UNKNOWN_ROLE, UNKNOWN_DEPARTMENT, UNKNOWN_AREA, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator creates staff")
    @APIResponse(responseCode = "409", description = "STAFF_EXISTS: a person has this id")
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
    @Operation(
            summary = "Replace a person",
            description =
                    "Replaces a person's name, phone, department and posts (the id comes from the path). Emits grid.staff-changed; a post change takes effect without a new token.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "G07-2 moves to G49",
                                            value =
                                                    """
                                                    {"id":"G07-2","name":"王芳","phone":"13800000049","departmentCode":null,"onDuty":false,
                                                     "posts":[{"role":"GRID_WORKER","areaCode":"G49"}]}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The person as now stored")
    @APIResponse(
            responseCode = "400",
            description =
                    "ID_MISMATCH (the body names another id), INVALID_INPUT (a field missing or malformed, a department staff without department: the field names it), UNKNOWN_ROLE, UNKNOWN_DEPARTMENT, UNKNOWN_AREA, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator changes staff")
    @APIResponse(responseCode = "404", description = "STAFF_NOT_FOUND: no person has this id")
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
    @Operation(
            summary = "Go on or off duty",
            description =
                    "A person goes on or off duty; only the on-duty are recommended as handlers and found nearest.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "on duty",
                                            value =
                                                    """
                                                    {"onDuty":true}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The person as now stored")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT: onDuty missing; UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ONLY_SELF_OR_ADMIN: only the person or an administrator")
    @APIResponse(responseCode = "404", description = "STAFF_NOT_FOUND: no person has this id")
    public Uni<StaffView> duty(@PathParam("id") String id, DutyRequest body) {
        var caller = signedIn.caller();
        policy.requireSelfOrAdmin(caller, id);
        return staff.setOnDuty(id, bodies.valid(body).onDuty(), caller.staffId());
    }

    @GET
    @Path("/staff/{id}")
    @Operation(summary = "A person", description = "A member of staff with their posts and duty.")
    @APIResponse(
            responseCode = "200",
            description = "The person",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"staffId":"G07-2","name":"王芳","phone":"13800000072","departmentCode":null,
                                                     "posts":[{"role":"GRID_WORKER","areaCode":"G07"}],"onDuty":true}
                                                    """)))
    @APIResponse(responseCode = "404", description = "STAFF_NOT_FOUND: no person has this id")
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
    @Operation(
            summary = "Report where a person is",
            description =
                    "A ping from the person's phone. An older ping than the one stored is accepted and ignored, so pings may arrive in any order.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "in G07",
                                            value =
                                                    """
                                                    {"longitude":119.165,"latitude":35.004,"accuracyMeters":8,"at":"2026-12-07T08:30:00Z"}
                                                    """)))
    @APIResponse(responseCode = "202", description = "Accepted (recorded, or ignored as older)")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (a coordinate missing or out of range, no time, an implausible ping), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description =
                    "ONLY_SELF: a person reports only their own location (a service may relay it)")
    @APIResponse(responseCode = "404", description = "STAFF_NOT_FOUND: no person has this id")
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
    @Operation(
            summary = "The on-duty staff nearest a point",
            description =
                    "Up to limit (default 5) people on duty nearest (lon, lat) by their last known location, of a role if given, nearest first.")
    @APIResponse(responseCode = "200", description = "The people, nearest first")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (lon or lat missing or out of range, limit not a whole number from 1), UNKNOWN_ROLE")
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
    @Operation(
            summary = "Who is on duty in an area",
            description = "The people on duty holding a post in the area, of a role if given.")
    @APIResponse(responseCode = "200", description = "The people on duty")
    @APIResponse(responseCode = "400", description = "UNKNOWN_ROLE: role is not a post's role")
    @APIResponse(responseCode = "404", description = "AREA_NOT_FOUND: no area has this code")
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
