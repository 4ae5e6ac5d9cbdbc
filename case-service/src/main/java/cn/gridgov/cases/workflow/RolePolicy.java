package cn.gridgov.cases.workflow;

import static cn.gridgov.cases.casefile.Role.DEPARTMENT_STAFF;
import static cn.gridgov.cases.casefile.Role.DISPATCHER;
import static cn.gridgov.cases.casefile.Role.DUTY_CHIEF;
import static cn.gridgov.cases.casefile.Role.GRID_CHIEF;
import static cn.gridgov.cases.casefile.Role.GRID_WORKER;
import static cn.gridgov.cases.casefile.Role.LEADER;
import static cn.gridgov.cases.casefile.Role.REPORTER;
import static cn.gridgov.cases.casefile.Role.SUPERVISOR;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.cases.casefile.HandlerKind;
import cn.gridgov.cases.casefile.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * 定责: which posts may give each command. A refusal names the command, the role that tried and
 * the roles that may.
 */
public enum RolePolicy {
    VERIFY("verify", EnumSet.of(GRID_WORKER, GRID_CHIEF)),
    REJECT("reject", EnumSet.of(GRID_WORKER, GRID_CHIEF, DUTY_CHIEF)),
    MERGE("merge", EnumSet.of(GRID_WORKER, GRID_CHIEF, DUTY_CHIEF)),
    ACCEPT("accept", EnumSet.of(DUTY_CHIEF, DISPATCHER)),
    SUBMIT_RESULT("submit a result", EnumSet.of(DEPARTMENT_STAFF, GRID_CHIEF)),
    CHECK("check on site", EnumSet.of(GRID_WORKER, GRID_CHIEF)),
    REQUEST_APPROVAL("ask for an extension or parking", EnumSet.of(DEPARTMENT_STAFF, GRID_CHIEF, DUTY_CHIEF)),
    DECIDE_APPROVAL("approve or refuse a request", EnumSet.of(SUPERVISOR, LEADER)),
    RESUME("resume a parked case", EnumSet.of(SUPERVISOR, LEADER, DUTY_CHIEF)),
    EVALUATE("evaluate", EnumSet.of(REPORTER, DUTY_CHIEF));

    private final String command;
    private final Set<Role> roles;

    RolePolicy(String command, Set<Role> roles) {
        this.command = command;
        this.roles = roles;
    }

    public void check(Actor actor) {
        if (!roles.contains(actor.role())) {
            throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "actor.role",
                    "a " + actor.role() + " may not " + command + "; allowed: " + roles);
        }
    }

    /** The handler of a case is its grid or its lead department; nobody else reports its result. */
    public static void checkHandler(Case c, Actor actor) {
        SUBMIT_RESULT.check(actor);
        var gridHandles = c.handlerKind == HandlerKind.GRID;
        if (gridHandles && actor.role() != GRID_CHIEF) {
            throw new Problem(Problem.Kind.FORBIDDEN, "NOT_THE_HANDLER", "actor.role",
                    "case " + c.number + " is handled in its grid; its grid chief submits the result");
        }
        if (!gridHandles && (actor.role() != DEPARTMENT_STAFF || !java.util.Objects.equals(actor.departmentCode(), c.routedDepartment))) {
            throw new Problem(Problem.Kind.FORBIDDEN, "NOT_THE_HANDLER", "actor.departmentCode",
                    "case " + c.number + " is handled by " + c.routedDepartment + "; only its staff submit the result");
        }
    }
}
