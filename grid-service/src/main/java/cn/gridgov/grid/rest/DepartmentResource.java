package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.department.DepartmentLevel;
import cn.gridgov.grid.department.DepartmentService;
import cn.gridgov.grid.department.DepartmentView;
import cn.gridgov.grid.department.NewDepartment;
import cn.gridgov.grid.department.Responsibility;
import cn.gridgov.kit.identity.SignedIn;
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

/** Departments, their responsibilities (权责清单), jurisdiction and enforcement zones. */
@Path("/api/v1/departments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
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
    public Uni<List<DepartmentView>> all() {
        return departments.all();
    }

    /** Who handles category X here: {@code ?category=0103&area=G01&area=DG-PORT}. */
    @GET
    @Path("/responsible")
    public Uni<List<Responsibility>> responsible(
            @QueryParam("category") String category, @QueryParam("area") List<String> areas) {
        return departments.responsibleFor(category, areas);
    }

    @GET
    @Path("/{code}")
    public Uni<DepartmentView> get(@PathParam("code") String code) {
        return departments.get(code);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
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
