package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.department.DepartmentLevel;
import cn.gridgov.grid.department.DepartmentService;
import cn.gridgov.grid.department.DepartmentView;
import cn.gridgov.grid.department.NewDepartment;
import cn.gridgov.grid.department.Responsibility;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Departments, their responsibilities (权责清单), jurisdiction and enforcement zones. */
@Path("/api/v1/departments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.GRIDS)
public class DepartmentResource {

    /** A department as a client sends it; on PUT the code comes from the path. */
    public record DepartmentRequest(
            String code,
            String name,
            DepartmentLevel level,
            List<String> responsibilities,
            List<String> jurisdiction,
            List<String> zones) {}

    private final DepartmentService departments;
    private final SignedIn signedIn;
    private final AccessPolicy policy;
    private final Bodies bodies;

    public DepartmentResource(
            DepartmentService departments, SignedIn signedIn, AccessPolicy policy, Bodies bodies) {
        this.bodies = bodies;
        this.signedIn = signedIn;
        this.policy = policy;
        this.departments = departments;
    }

    @GET
    @Operation(
            summary = "Every department",
            description =
                    "The departments with their level, responsibility list (权责清单: category codes), jurisdiction and enforcement zones.")
    @APIResponse(responseCode = "200", description = "The departments")
    public Uni<List<DepartmentView>> all() {
        return departments.all();
    }

    /** Who handles category X here: {@code ?category=0103&area=G01&area=DG-PORT}. */
    @GET
    @Path("/responsible")
    @Operation(
            summary = "Who handles a category here",
            description =
                    "The departments responsible for a category (two or four digits) in the given areas (a grid and its dedicated grids): what routing asks.")
    @APIResponse(responseCode = "200", description = "The departments responsible, each with why")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT: category is not a code of two or four digits, or no area")
    public Uni<List<Responsibility>> responsible(
            @QueryParam("category") String category, @QueryParam("area") List<String> areas) {
        return departments.responsibleFor(category, areas);
    }

    @GET
    @Path("/{code}")
    @Operation(
            summary = "A department",
            description = "A department with its responsibilities, jurisdiction and zones.")
    @APIResponse(
            responseCode = "200",
            description = "The department",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"code":"ZHZF","name":"综合行政执法局","level":"DISTRICT","responsibilities":["0101","0102"],"jurisdiction":["D01"],"zones":["Z-PORT"]}
                                                    """)))
    @APIResponse(
            responseCode = "404",
            description = "DEPARTMENT_NOT_FOUND: no department has this code")
    public Uni<DepartmentView> get(@PathParam("code") String code) {
        return departments.get(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a department",
            description =
                    "Adds a department with its responsibility list, jurisdiction and zones. Emits grid.department-changed.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a district bureau",
                                            value =
                                                    """
                                                    {"code":"SWJ","name":"水务局","level":"DISTRICT","responsibilities":["0101","0102"],"jurisdiction":["D01"],"zones":["Z-PORT"]}
                                                    """)))
    @APIResponse(responseCode = "201", description = "Created: the department; Location names it")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (name, level or a category code malformed: the field names it), UNKNOWN_AREA, UNKNOWN_ZONE, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator creates departments")
    @APIResponse(
            responseCode = "409",
            description = "DEPARTMENT_EXISTS: a department has this code")
    public Uni<Response> create(DepartmentRequest body) {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "create a department");
        var request = bodies.present(body);
        return departments
                .create(toNew(request.code(), request), caller.staffId())
                .map(
                        created ->
                                Response.created(
                                                URI.create("/api/v1/departments/" + created.code()))
                                        .entity(created)
                                        .build());
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replace a department",
            description =
                    "Replaces a department's name, level, responsibilities, jurisdiction and zones (the code comes from the path). Emits grid.department-changed.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "the enforcement bureau",
                                            value =
                                                    """
                                                    {"code":"ZHZF","name":"综合行政执法局","level":"DISTRICT","responsibilities":["0101","0102"],"jurisdiction":["D01"],"zones":["Z-PORT"]}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The department as now stored")
    @APIResponse(
            responseCode = "400",
            description =
                    "CODE_MISMATCH (the body names another code), INVALID_INPUT (name, level or a category code malformed: the field names it), UNKNOWN_AREA, UNKNOWN_ZONE, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator changes departments")
    @APIResponse(
            responseCode = "404",
            description = "DEPARTMENT_NOT_FOUND: no department has this code")
    public Uni<DepartmentView> update(@PathParam("code") String code, DepartmentRequest body) {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "change a department");
        var request = bodies.present(body);
        if (request.code() != null && !request.code().equals(code)) {
            throw Problem.invalid(
                    "CODE_MISMATCH",
                    "code",
                    "the body names " + request.code() + " but the path " + code);
        }
        return departments.update(toNew(code, request), caller.staffId());
    }

    private static NewDepartment toNew(String code, DepartmentRequest r) {
        return new NewDepartment(
                code, r.name(), r.level(), r.responsibilities(), r.jurisdiction(), r.zones());
    }
}
