package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.dispatch.workbench.DepartmentTasks;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the department workbench (部门工作台) reads: the caller's department's cases and whistles, with
 * their clocks.
 */
@Path("/api/v1")
@Authenticated
@Tag(name = ApiTags.FEEDBACK)
public class WorkbenchResource {

    public record DepartmentTasksView(
            String staffId,
            String departmentCode,
            String departmentName,
            Instant asOf,
            List<DepartmentTasks.CaseTask> cases,
            List<DepartmentTasks.WhistleTask> whistles) {}

    private final DispatchPolicy policy;
    private final DepartmentTasks tasks;
    private final RoutingTables tables;

    public WorkbenchResource(DispatchPolicy policy, DepartmentTasks tasks, RoutingTables tables) {
        this.policy = policy;
        this.tasks = tasks;
        this.tables = tables;
    }

    /**
     * The caller's department's tasks: cases awaiting its acceptance, cases it leads or co-handles
     * (open ones), and open whistles summoning it that it has not answered. Department staff only
     * (403 NOT_DEPARTMENT_STAFF for anyone else); the department is the caller's.
     */
    @GET
    @Path("/department-tasks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "My department's tasks",
            description =
                    "The workbench (部门工作台) of the caller's department: cases awaiting its acceptance, open cases it leads or co-handles, and open whistles summoning it not yet answered, each with its clock.")
    @APIResponse(responseCode = "200", description = "The department's tasks")
    @APIResponse(
            responseCode = "403",
            description = "NOT_DEPARTMENT_STAFF: only a department's staff have a workbench")
    public Uni<DepartmentTasksView> departmentTasks() {
        return policy.caller()
                .map(policy::departmentStaff)
                .chain(
                        staff ->
                                tables.current()
                                        .chain(
                                                t -> {
                                                    Department department =
                                                            t.organisation()
                                                                    .department(
                                                                            staff.departmentCode());
                                                    var name =
                                                            department == null
                                                                    ? staff.departmentCode()
                                                                    : department.name;
                                                    return tasks.of(staff.departmentCode())
                                                            .map(
                                                                    found ->
                                                                            new DepartmentTasksView(
                                                                                    staff.staffId(),
                                                                                    staff
                                                                                            .departmentCode(),
                                                                                    name,
                                                                                    found.asOf(),
                                                                                    found.cases(),
                                                                                    found
                                                                                            .whistles()));
                                                }));
    }
}
