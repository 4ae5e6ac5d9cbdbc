package cn.gridgov.cases.workflow;

import static cn.gridgov.cases.casefile.Role.ADMIN;
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
import cn.gridgov.cases.casefile.HandlerKind;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Role;
import cn.gridgov.kit.identity.Caller;
import cn.gridgov.kit.identity.CaseReadRule;
import cn.gridgov.kit.identity.StaffScope;
import cn.gridgov.kit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 定岗定责: the one place case-service decides who may do what. The caller comes from the token ({@link
 * Caller}), what they may touch from grid-service's posts ({@link StaffScope}); the body of a
 * request never says who acts. For a command on a case the policy picks the role the person acts as
 * (the first of their posts the command allows, in scope) and answers the {@link Actor} that the
 * timeline and the events record. A refusal is a 403 naming its rule:
 *
 * <ul>
 *   <li>{@code NOT_YOUR_GRID}: verify, check, reject and merge by a grid worker or grid chief only
 *       in a grid where they hold that post (a case's grids: its comprehensive grid and its
 *       dedicated grids);
 *   <li>{@code NOT_YOUR_DISTRICT}: a dispatcher or duty chief acts (accepts, rejects, merges,
 *       urges, resumes, evaluates, asks for more time) only on cases located in the district their
 *       post serves (a post of before posts named a district, naming none, is bound to none; a case
 *       not located yet, in no district anyone can tell, is any district's);
 *   <li>{@code NOT_THE_HANDLER}: a result, an extension or parking request only by the handler (the
 *       grid chief of the case's grid when it is handled in the grid, else the lead department's
 *       staff);
 *   <li>{@code ROLE_NOT_ALLOWED}: none of the person's posts may give the command at all;
 *   <li>{@code MAY_NOT_REPORT}, {@code NOT_YOUR_SOURCE}: who may report through which channel;
 *   <li>{@code ADMIN_ONLY}, {@code NOT_FOR_YOUR_ROLE}: the catalogue and calendar edits and the
 *       Open311 api keys; the indicators; the case search (everything for the command center, a
 *       post's grids, a department's cases); hotspots and recurrences (the command center); on-site
 *       tasks (grid workers and grid chiefs, in their grids).
 *   <li>{@code NOT_FOR_YOUR_ROLE} also: the requests waiting for a decision (supervisors and
 *       leaders).
 *   <li>{@code SERVICES_ONLY}: the compact list of open cases dispatch-service reconciles against.
 *   <li>{@code OWN_DEPARTMENT_ONLY}: department staff read the indicators of their own department
 *       alone, by department.
 * </ul>
 */
@ApplicationScoped
public class CasePolicy {

    /**
     * The signed-in caller, their posts and, for each command-center post acting for a district
     * (dispatcher, duty chief), the grids of the district it serves (every code in and under the
     * post's area).
     */
    public record Who(Caller caller, StaffScope scope, Map<Role, Set<String>> districtGrids) {

        public Who {
            districtGrids = Map.copyOf(districtGrids);
        }

        /** A caller whose district posts do not matter to what is asked. */
        public Who(Caller caller, StaffScope scope) {
            this(caller, scope, Map.of());
        }

        boolean serves(Role role, Set<String> caseGrids) {
            // A case not located yet (grid-service could not say where it lies) is in no district
            // anyone can tell: every district's command center may act on it meanwhile.
            if (caseGrids.isEmpty() || scope.holdsWithoutArea(role.name())) {
                return true;
            }
            var served = districtGrids.getOrDefault(role, Set.of());
            return caseGrids.stream().anyMatch(served::contains);
        }

        boolean holds(Role role) {
            return scope.holds(role.name());
        }

        boolean holdsIn(Role role, Set<String> areas) {
            return scope.holdsIn(role.name(), areas);
        }

        Actor as(Role role) {
            return new Actor(caller.staffId(), role, scope.departmentCode());
        }
    }

    /** The commands on a case, with the posts that may give each (scope aside). */
    public enum Command {
        VERIFY("verify", GRID_WORKER, GRID_CHIEF),
        REJECT("reject", GRID_WORKER, GRID_CHIEF, DUTY_CHIEF),
        MERGE("merge", GRID_WORKER, GRID_CHIEF, DUTY_CHIEF),
        ACCEPT("accept", DUTY_CHIEF, DISPATCHER),
        SUBMIT_RESULT("submit a result", GRID_CHIEF, DEPARTMENT_STAFF),
        CHECK("check on site", GRID_WORKER, GRID_CHIEF),
        REQUEST_APPROVAL(
                "ask for an extension or parking", GRID_CHIEF, DEPARTMENT_STAFF, DUTY_CHIEF),
        DECIDE_APPROVAL("approve or refuse a request", SUPERVISOR, LEADER),
        RESUME("resume a parked case", SUPERVISOR, LEADER, DUTY_CHIEF),
        URGE("urge the handler (催办)", DISPATCHER, DUTY_CHIEF, SUPERVISOR, LEADER),
        EVALUATE("evaluate", REPORTER, DUTY_CHIEF);

        private final String what;
        private final List<Role> roles;

        Command(String what, Role... roles) {
            this.what = what;
            this.roles = List.of(roles);
        }
    }

    /**
     * Posts of the command center that act for one district: held in the area they serve, they act
     * only on cases located there.
     */
    public static final Set<Role> DISTRICT_POSTS = EnumSet.of(DISPATCHER, DUTY_CHIEF);

    /** Posts of the command center that take reports by phone or at the desk. */
    private static final Set<Role> DESK = EnumSet.of(DISPATCHER, DUTY_CHIEF);

    /** Who reads the indicators: the command center, supervisors, leaders, administrators. */
    private static final Set<Role> KPI_READERS =
            EnumSet.of(DISPATCHER, DUTY_CHIEF, SUPERVISOR, LEADER, ADMIN);

    /**
     * The actor a command on this case is recorded as, or a 403 naming the rule that refuses it.
     */
    public Actor actorFor(Command command, Who who, Case c) {
        var grids = gridsOf(c);
        String refusal = null;
        for (var role : command.roles) {
            switch (role) {
                case GRID_WORKER, GRID_CHIEF -> {
                    if (!who.holds(role)) {
                        continue;
                    }
                    if (command == Command.SUBMIT_RESULT || command == Command.REQUEST_APPROVAL) {
                        // Only the grid chief of a case handled in its grid is its handler.
                        if (c.handlerKind == HandlerKind.GRID && who.holdsIn(role, grids)) {
                            return who.as(role);
                        }
                        refusal = refusal == null ? "NOT_THE_HANDLER" : refusal;
                    } else if (who.holdsIn(role, grids)) {
                        return who.as(role);
                    } else {
                        refusal = refusal == null ? "NOT_YOUR_GRID" : refusal;
                    }
                }
                case DEPARTMENT_STAFF -> {
                    if (!who.holds(role)) {
                        continue;
                    }
                    if (c.handlerKind != HandlerKind.GRID
                            && c.routedDepartment != null
                            && who.scope().belongsTo(c.routedDepartment)) {
                        return who.as(role);
                    }
                    refusal = refusal == null ? "NOT_THE_HANDLER" : refusal;
                }
                case REPORTER -> {
                    if (c.reporterId != null && c.reporterId.equals(who.caller().staffId())) {
                        return who.as(REPORTER);
                    }
                }
                case DISPATCHER, DUTY_CHIEF -> {
                    if (!who.holds(role)) {
                        continue;
                    }
                    if (who.serves(role, grids)) {
                        return who.as(role);
                    }
                    refusal = refusal == null ? "NOT_YOUR_DISTRICT" : refusal;
                }
                default -> {
                    if (who.holds(role)) {
                        return who.as(role);
                    }
                }
            }
        }
        throw refused(command, who, c, grids, refusal == null ? "ROLE_NOT_ALLOWED" : refusal);
    }

    private static Problem refused(
            Command command, Who who, Case c, Set<String> grids, String rule) {
        var message =
                switch (rule) {
                    case "NOT_YOUR_GRID" ->
                            who.caller().staffId()
                                    + " holds no post in "
                                    + (grids.isEmpty()
                                            ? "the grid of case "
                                                    + c.number
                                                    + ", which is not located yet"
                                            : "the grids of case " + c.number + " " + grids)
                                    + "; only that grid's staff may "
                                    + command.what
                                    + " it";
                    case "NOT_YOUR_DISTRICT" ->
                            who.caller().staffId()
                                    + " ("
                                    + postsOf(who)
                                    + ") acts for the cases of the district they serve; case "
                                    + c.number
                                    + " lies in "
                                    + grids
                                    + ", outside it"
                                    + ", so they may not "
                                    + command.what
                                    + " it";
                    case "NOT_THE_HANDLER" ->
                            c.handlerKind == HandlerKind.GRID
                                    ? "case "
                                            + c.number
                                            + " is handled in its grid "
                                            + grids
                                            + "; only its grid chief may "
                                            + command.what
                                    : "case "
                                            + c.number
                                            + " is handled by "
                                            + c.routedDepartment
                                            + "; only its staff may "
                                            + command.what;
                    default ->
                            who.caller().staffId()
                                    + " ("
                                    + postsOf(who)
                                    + ") may not "
                                    + command.what
                                    + "; allowed: "
                                    + command.roles;
                };
        return Problem.forbidden(rule, message);
    }

    /**
     * Who the reporter of a report sent through {@code POST /api/v1/reports} is, by the channel it
     * comes through: grid staff report from the spot, anywhere (通办), as {@code GRID_WORKER}; the
     * command center takes hotline calls and citizens at the desk ({@code HOTLINE}, {@code
     * CITIZEN}); another service of the system sends what sensors see ({@code SENSOR}).
     */
    public Actor reporterFor(ReportSource source, Who who) {
        var allowed = EnumSet.noneOf(ReportSource.class);
        Actor actor = null;
        if (who.caller().isService()) {
            allowed.add(ReportSource.SENSOR);
            if (source == ReportSource.SENSOR) {
                actor = new Actor(who.caller().staffId(), REPORTER, null);
            }
        }
        // Grid staff: a post in an area that is not the command center's district post.
        if (who.scope().posts().stream()
                .anyMatch(
                        p ->
                                p.areaCode() != null
                                        && DISTRICT_POSTS.stream()
                                                .noneMatch(r -> r.name().equals(p.role())))) {
            allowed.add(ReportSource.GRID_WORKER);
            if (source == ReportSource.GRID_WORKER) {
                actor =
                        who.as(
                                who.holds(GRID_WORKER)
                                        ? GRID_WORKER
                                        : who.holds(GRID_CHIEF) ? GRID_CHIEF : REPORTER);
            }
        }
        var desk = DESK.stream().filter(who::holds).findFirst();
        if (desk.isPresent()) {
            allowed.add(ReportSource.HOTLINE);
            allowed.add(ReportSource.CITIZEN);
            if (source == ReportSource.HOTLINE || source == ReportSource.CITIZEN) {
                actor = who.as(desk.get());
            }
        }
        if (actor != null) {
            return actor;
        }
        if (allowed.isEmpty()) {
            throw Problem.forbidden(
                    "MAY_NOT_REPORT",
                    who.caller().staffId()
                            + " ("
                            + postsOf(who)
                            + ") holds no post that "
                            + "reports: grid staff, the command center's desk and the system's services report");
        }
        throw Problem.forbidden(
                "NOT_YOUR_SOURCE",
                who.caller().staffId() + " may report as " + allowed + ", not as " + source);
    }

    /**
     * What the command center's desk does (the dispatcher, the duty chief): placing an Open311
     * request given by address alone. The actor is the desk post they act as.
     */
    public Actor requireDesk(Who who, String what) {
        return DESK.stream()
                .filter(who::holds)
                .findFirst()
                .map(who::as)
                .orElseThrow(
                        () ->
                                Problem.forbidden(
                                        "ROLE_NOT_ALLOWED",
                                        "only the command center's dispatcher or duty chief "
                                                + what
                                                + "; "
                                                + who.caller().staffId()
                                                + " holds "
                                                + postsOf(who)));
    }

    /** The catalogue, the calendar and the Open311 api keys: administrators alone change them. */
    public void requireAdmin(Who who, String what) {
        if (!who.holds(ADMIN)) {
            throw Problem.forbidden(
                    "ADMIN_ONLY",
                    "only an administrator "
                            + what
                            + "; "
                            + who.caller().staffId()
                            + " holds "
                            + postsOf(who));
        }
    }

    /**
     * What only the system's own services read (dispatch-service's reconciliation): a caller with a
     * service's token (client credentials), never a person, whatever their posts.
     */
    public void requireService(Caller caller, String what) {
        if (!caller.isService()) {
            throw Problem.forbidden(
                    "SERVICES_ONLY",
                    what
                            + " is read by the system's services with their own token; "
                            + caller.staffId()
                            + " is a person");
        }
    }

    /**
     * The indicators: the command center, supervisors, leaders and administrators read every unit's
     * (answer null); department staff read their own department's row, by department (answer its
     * code).
     */
    public String kpiUnitFor(Who who, boolean byDepartment) {
        if (KPI_READERS.stream().anyMatch(who::holds)) {
            return null;
        }
        var department = who.scope().departmentCode();
        if (who.holds(DEPARTMENT_STAFF) && department != null) {
            if (byDepartment) {
                return department;
            }
            throw Problem.forbidden(
                    "OWN_DEPARTMENT_ONLY",
                    who.caller().staffId()
                            + " is staff of "
                            + department
                            + ": department staff read their own department's indicators (by=department), not the grids'");
        }
        throw Problem.forbidden(
                "NOT_FOR_YOUR_ROLE",
                "the indicators are for "
                        + KPI_READERS
                        + " and, for their own department, department staff; "
                        + who.caller().staffId()
                        + " holds "
                        + postsOf(who));
    }

    /**
     * What concerns the whole district's cases, such as hotspots and recurrences: the command
     * center, supervisors, leaders and administrators ({@code NOT_FOR_YOUR_ROLE} for anyone else).
     */
    public void requireCommandCenter(Who who, String what) {
        if (CaseReadRule.READ_ALL.stream().noneMatch(who.scope()::holds)) {
            throw Problem.forbidden(
                    "NOT_FOR_YOUR_ROLE",
                    "only "
                            + CaseReadRule.READ_ALL.stream().sorted().toList()
                            + " "
                            + what
                            + "; "
                            + who.caller().staffId()
                            + " holds "
                            + postsOf(who));
        }
    }

    /**
     * The requests for more time or parking that wait for a decision: read by those who decide
     * them, supervisors and leaders ({@code NOT_FOR_YOUR_ROLE} for anyone else).
     */
    public void requireApprover(Who who) {
        if (Command.DECIDE_APPROVAL.roles.stream().noneMatch(who::holds)) {
            throw Problem.forbidden(
                    "NOT_FOR_YOUR_ROLE",
                    "the requests waiting for a decision are read by "
                            + Command.DECIDE_APPROVAL.roles
                            + ", who decide them; "
                            + who.caller().staffId()
                            + " holds "
                            + postsOf(who));
        }
    }

    /**
     * Which cases this person reads, in a search and one by one: the kit's {@link CaseReadRule},
     * the same in every service (areas answered as the posts' area codes, widened by the caller).
     */
    public CaseReadRule readRule(Who who) {
        return CaseReadRule.of(who.caller(), who.scope());
    }

    /**
     * The grids where this person works on site (my tasks): where they hold a post that both
     * verifies and checks on site (grid worker, grid chief), as {@link #actorFor} would allow those
     * commands there. Anyone holding no such post is refused with {@code NOT_FOR_YOUR_ROLE}.
     */
    public Set<String> onSiteGrids(Who who) {
        var grids = new java.util.TreeSet<String>();
        who.scope().posts().stream()
                .filter(p -> p.areaCode() != null)
                .filter(
                        p ->
                                Command.VERIFY.roles.stream()
                                                .anyMatch(r -> r.name().equals(p.role()))
                                        && Command.CHECK.roles.stream()
                                                .anyMatch(r -> r.name().equals(p.role())))
                .forEach(p -> grids.add(p.areaCode()));
        if (grids.isEmpty()) {
            throw Problem.forbidden(
                    "NOT_FOR_YOUR_ROLE",
                    "on-site tasks (verify, check) are grid workers' and grid chiefs' "
                            + "in their grids; "
                            + who.caller().staffId()
                            + " holds "
                            + postsOf(who));
        }
        return grids;
    }

    /**
     * The departments a case is with, those of its readers by department: its lead, its co-handlers
     * (协办) and those a whistle summoned to it (吹哨报到).
     */
    public static Set<String> departmentsOf(Case c) {
        var departments = new java.util.LinkedHashSet<String>();
        if (c.routedDepartment != null) {
            departments.add(c.routedDepartment);
        }
        departments.addAll(listed(c.coHandlingDepartments));
        departments.addAll(listed(c.summonedDepartments));
        return departments;
    }

    /** A comma-separated list of department codes, as the case keeps them. */
    public static List<String> listed(String codes) {
        if (codes == null || codes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(codes.split(","))
                .map(String::strip)
                .filter(d -> !d.isEmpty())
                .toList();
    }

    /** A case's grids: its comprehensive grid and the dedicated grids over it. */
    public static Set<String> gridsOf(Case c) {
        var grids = new java.util.LinkedHashSet<String>();
        if (c.gridCode != null) {
            grids.add(c.gridCode);
        }
        if (c.dedicatedGridCodes != null && !c.dedicatedGridCodes.isBlank()) {
            Arrays.stream(c.dedicatedGridCodes.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(grids::add);
        }
        return grids;
    }

    private static String postsOf(Who who) {
        if (who.caller().isService()) {
            return "a service";
        }
        var posts = new ArrayList<String>();
        who.scope()
                .posts()
                .forEach(
                        p ->
                                posts.add(
                                        p.areaCode() == null
                                                ? p.role()
                                                : p.role() + " of " + p.areaCode()));
        return posts.isEmpty() ? "no post" : String.join(", ", posts);
    }
}
