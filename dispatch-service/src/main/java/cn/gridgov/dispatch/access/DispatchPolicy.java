package cn.gridgov.dispatch.access;

import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.kit.identity.Caller;
import cn.gridgov.kit.identity.CaseReadRule;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.identity.StaffScope;
import cn.gridgov.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may do what in dispatch-service (定岗定责): every command asks this one class, and every refusal
 * is a 403 whose code names the rule. The caller comes from the verified token; what they may touch
 * comes from the posts grid-service says they hold (kit {@link StaffDirectory}: kept, and replaced
 * on {@code grid.staff-changed}), never from the token's roles or the request body.
 *
 * <ul>
 *   <li>{@value #ADMIN_ONLY}: only an administrator creates, changes or removes routing rules.
 *   <li>{@value #NOT_FOR_YOUR_ROLE}: only a dispatcher or a duty chief dispatches by hand
 *       (override); a whistle is blown by a dispatcher, a duty chief or a grid chief; a duty report
 *       is made by department staff.
 *   <li>{@value #NOT_YOUR_DEPARTMENT}: only staff of the case's lead department accept it or send
 *       it back, for that department.
 *   <li>{@value #NOT_YOUR_GRID}: a case handled in the grid is accepted or sent back by the grid
 *       chief of one of the case's grids (its comprehensive grid or a dedicated grid it lies in); a
 *       grid chief blows a whistle only on a case of such a grid.
 *   <li>{@value #NOT_SUMMONED}: a duty report is made only by staff of a department the whistle
 *       summoned, as themselves.
 *   <li>{@value #NOT_YOUR_DISTRICT}: a dispatcher or duty chief dispatches by hand and blows
 *       whistles only on cases located in the district (area) their post is held in.
 *   <li>{@value CaseReadRule#NOT_YOUR_CASE}: one case (its routing decision, its finish forecast,
 *       its recommended handlers, its whistles) is read only by those the read rule lets read it,
 *       the kit's {@link CaseReadRule}, as in case-service.
 *   <li>{@value #NOT_DEPARTMENT_STAFF}: a department's tasks (the workbench) are read by its own
 *       staff alone, and only their own department's.
 * </ul>
 *
 * Reads of many cases and of the organisation (queue, overdue list, whistle board, departments,
 * grid map, stream, rules) need only a valid token; the reconciliation is for the command center,
 * supervisors and administrators, the finish forecast (at-risk cases) for them and leaders ({@value
 * #NOT_FOR_YOUR_ROLE}).
 *
 * <p>And whether a command still fits the case (409): case-service owns the case's status, step and
 * handler, so the dispatch commands are refused once the case has moved past the steps they belong
 * to (see {@link #requireAtDispatch}).
 */
@ApplicationScoped
public class DispatchPolicy {

    public static final String ADMIN_ONLY = "ADMIN_ONLY";
    public static final String NOT_FOR_YOUR_ROLE = "NOT_FOR_YOUR_ROLE";
    public static final String NOT_YOUR_DEPARTMENT = "NOT_YOUR_DEPARTMENT";
    public static final String NOT_YOUR_GRID = "NOT_YOUR_GRID";
    public static final String NOT_SUMMONED = "NOT_SUMMONED";
    public static final String NOT_DEPARTMENT_STAFF = "NOT_DEPARTMENT_STAFF";
    public static final String NOT_YOUR_DISTRICT = "NOT_YOUR_DISTRICT";

    /** The case has left the dispatch steps (case-service's snapshot says so): 409. */
    public static final String CASE_MOVED_ON = "CASE_MOVED_ON";

    /** The lead has accepted: the case is no longer sent back or re-routed: 409. */
    public static final String ALREADY_ACCEPTED = "ALREADY_ACCEPTED";

    /**
     * The commands of the dispatch steps (分流交办, steps DISPATCH and DEPARTMENT_ACCEPT), each refused
     * once the case has left them.
     */
    public enum DispatchCommand {
        OVERRIDE("an override"),
        ACCEPT("an acceptance"),
        SEND_BACK("a send-back");

        private final String what;

        DispatchCommand(String what) {
            this.what = what;
        }
    }

    /**
     * The statuses in which case-service still follows dispatch-service's decisions: waiting for a
     * route (ACCEPTED, step DISPATCH) or for the lead's acceptance (DISPATCHED, step
     * DEPARTMENT_ACCEPT). The same two statuses case-service's DispatchReactions follows a decision
     * in.
     */
    public static final Set<String> AT_DISPATCH_STATUSES = Set.of("ACCEPTED", "DISPATCHED");

    /**
     * Whether case-service, in this status, still follows dispatch decisions (a status unknown yet:
     * yes).
     */
    public static boolean stillDispatching(String caseStatus) {
        return caseStatus == null || AT_DISPATCH_STATUSES.contains(caseStatus);
    }

    static final String ADMIN = "ADMIN";
    static final String DISPATCHER = "DISPATCHER";
    static final String DUTY_CHIEF = "DUTY_CHIEF";
    static final String GRID_CHIEF = "GRID_CHIEF";
    static final String DEPARTMENT_STAFF = "DEPARTMENT_STAFF";
    static final String SUPERVISOR = "SUPERVISOR";
    static final String LEADER = "LEADER";

    /** The signed-in caller with the posts grid-service says they hold. */
    public record Person(Caller caller, StaffScope scope) {

        public String staffId() {
            return caller.staffId();
        }
    }

    private final SignedIn signedIn;
    private final StaffDirectory directory;

    public DispatchPolicy(SignedIn signedIn, StaffDirectory directory) {
        this.signedIn = signedIn;
        this.directory = directory;
    }

    /** The caller of the request being served; ask it in the request, before any change is made. */
    public Uni<Person> caller() {
        Caller caller;
        try {
            caller = signedIn.caller();
        } catch (RuntimeException anonymous) {
            return Uni.createFrom().failure(anonymous);
        }
        return directory.scopeOf(caller).map(scope -> new Person(caller, scope));
    }

    /** Routing rules are changed by an administrator alone. */
    public Actor ruleEditor(Person person) {
        if (!person.scope().holds(ADMIN)) {
            throw Problem.forbidden(
                    ADMIN_ONLY,
                    person.staffId()
                            + " is not an administrator: only an administrator"
                            + " creates, changes or removes routing rules");
        }
        return new Actor(person.staffId(), ADMIN, person.scope().departmentCode());
    }

    /**
     * A case is dispatched by hand (override) by a dispatcher or a duty chief of the district it
     * lies in. A case this service does not know ({@code site} null) is left to the operation's
     * 404.
     */
    public Actor dispatcher(Person person, CaseSites.CaseSite site) {
        var actor = districtPost(person, site);
        if (actor != null) {
            return actor;
        }
        throw Problem.forbidden(
                NOT_FOR_YOUR_ROLE,
                person.staffId()
                        + " holds no dispatcher or duty chief post:"
                        + " only the command center dispatches a case by hand");
    }

    /**
     * The dispatcher's or duty chief's post this person acts in on this case, null when they hold
     * neither; a 403 {@value #NOT_YOUR_DISTRICT} when they hold one only for another district.
     */
    private static Actor districtPost(Person person, CaseSites.CaseSite site) {
        var scope = person.scope();
        String refused = null;
        for (var role : List.of(DISPATCHER, DUTY_CHIEF)) {
            if (!scope.holds(role)) {
                continue;
            }
            var served = scope.areasOf(role);
            // A case not located yet is in no district anyone can tell: any district's may act.
            if (site == null
                    || site.areas().isEmpty()
                    || scope.holdsWithoutArea(role)
                    || site.areas().stream().anyMatch(served::contains)) {
                return new Actor(person.staffId(), role, scope.departmentCode());
            }
            refused = role + " of " + (served.isEmpty() ? "no district" : served);
        }
        if (refused == null) {
            return null;
        }
        throw Problem.forbidden(
                NOT_YOUR_DISTRICT,
                person.staffId()
                        + " is "
                        + refused
                        + " and acts for the cases of that district; case "
                        + site.number()
                        + " lies outside it");
    }

    /**
     * One case is read by those the read rule (the kit's {@link CaseReadRule}, as in case-service)
     * lets read it: 403 {@value CaseReadRule#NOT_YOUR_CASE} otherwise. A case this service does not
     * know is left to the operation's 404.
     */
    public void requireReads(Person person, CaseSites.CaseSite site) {
        var rule = CaseReadRule.of(person.caller(), person.scope());
        if (site != null) {
            rule.requireReads(site.number(), site.areas(), site.departments(), null);
        }
    }

    /**
     * The lead of a routed case accepts it or sends it back: staff of the lead department, or, for
     * a case handled in the grid (lead {@code GRID}), the grid chief of one of the case's grids.
     */
    public Actor lead(
            Person person,
            String leadDepartment,
            Collection<String> caseGrids,
            String caseNumber,
            String action) {
        var scope = person.scope();
        if (Department.GRID.equals(leadDepartment)) {
            if (scope.holdsIn(GRID_CHIEF, caseGrids)) {
                return new Actor(person.staffId(), GRID_CHIEF, Department.GRID);
            }
            throw Problem.forbidden(
                    NOT_YOUR_GRID,
                    "case "
                            + caseNumber
                            + " is handled in grid "
                            + String.join("/", caseGrids)
                            + ": only its grid chief can "
                            + action
                            + " it, and "
                            + person.staffId()
                            + " is not");
        }
        if (scope.holds(DEPARTMENT_STAFF) && scope.belongsTo(leadDepartment)) {
            return new Actor(person.staffId(), DEPARTMENT_STAFF, leadDepartment);
        }
        throw Problem.forbidden(
                NOT_YOUR_DEPARTMENT,
                "case "
                        + caseNumber
                        + " is with "
                        + leadDepartment
                        + ": only its"
                        + " staff can "
                        + action
                        + " it, and "
                        + person.staffId()
                        + " is "
                        + (scope.departmentCode() == null
                                ? "in no department"
                                : "of " + scope.departmentCode()));
    }

    /**
     * A dispatch command still fits the case: refused (409) once case-service's last snapshot says
     * the case has moved past the dispatch steps ({@value #CASE_MOVED_ON}: it is handled, parked,
     * closed, rejected…), and, for an override or a send-back, once the lead has accepted it
     * ({@value #ALREADY_ACCEPTED}: this service's own decision, known before the snapshot says so).
     * The grid chief's acceptance of a case routed to its grid still fits while it is handled
     * there: case-service moves such a case to HANDLING on the route itself. With no snapshot yet,
     * the command goes on and case-service, the owner, decides (refusing it with
     * case.dispatch-refused).
     */
    public void requireAtDispatch(
            DispatchCommand command, RoutingDecision decision, CaseFile file) {
        var where =
                file == null || file.status == null
                        ? ""
                        : " (case-service: "
                                + file.status
                                + (file.step == null ? "" : " at step " + file.step)
                                + ")";
        if (file != null
                && file.status != null
                && !AT_DISPATCH_STATUSES.contains(file.status)
                && !(command == DispatchCommand.ACCEPT
                        && decision.mode == RoutingMode.IN_GRID
                        && "HANDLING".equals(file.status))) {
            throw Problem.conflict(
                    CASE_MOVED_ON,
                    null,
                    "case "
                            + decision.caseNumber
                            + " is "
                            + file.status
                            + (file.step == null ? "" : " at step " + file.step)
                            + ": "
                            + command.what
                            + " belongs to the dispatch steps (DISPATCH, DEPARTMENT_ACCEPT), which the case has left");
        }
        if (command != DispatchCommand.ACCEPT && decision.state == RoutingDecision.State.ACCEPTED) {
            throw Problem.conflict(
                    ALREADY_ACCEPTED,
                    null,
                    decision.departmentCode
                            + " has already accepted case "
                            + decision.caseNumber
                            + where
                            + ": "
                            + command.what
                            + " no longer applies to it");
        }
    }

    /**
     * The reconciliation of both services' views: the command center, supervisors and
     * administrators.
     */
    public Actor reconciler(Person person) {
        for (var role : List.of(DISPATCHER, DUTY_CHIEF, SUPERVISOR, ADMIN)) {
            if (person.scope().holds(role)) {
                return new Actor(person.staffId(), role, person.scope().departmentCode());
            }
        }
        throw Problem.forbidden(
                NOT_FOR_YOUR_ROLE,
                person.staffId()
                        + " holds no dispatcher, duty chief, supervisor"
                        + " or administrator post: the reconciliation is theirs to read");
    }

    /** The warnings before a deadline is missed (the finish forecast): those who supervise. */
    public Actor supervisor(Person person) {
        for (var role : List.of(DISPATCHER, DUTY_CHIEF, SUPERVISOR, LEADER, ADMIN)) {
            if (person.scope().holds(role)) {
                return new Actor(person.staffId(), role, person.scope().departmentCode());
            }
        }
        throw Problem.forbidden(
                NOT_FOR_YOUR_ROLE,
                person.staffId()
                        + " holds no dispatcher, duty chief, supervisor,"
                        + " leader or administrator post: the warnings before a deadline is missed are theirs to read");
    }

    /**
     * A whistle is blown by a dispatcher or duty chief of the district the case lies in, or by the
     * grid chief of one of the case's grids.
     */
    public Actor whistleBlower(
            Person person, Collection<String> caseGrids, CaseSites.CaseSite site) {
        var scope = person.scope();
        if (scope.holdsIn(GRID_CHIEF, caseGrids)) {
            return new Actor(person.staffId(), GRID_CHIEF, Department.GRID);
        }
        var commandCenter = districtPost(person, site);
        if (commandCenter != null) {
            return commandCenter;
        }
        var caseNumber = site == null ? "?" : site.number();
        if (scope.holds(GRID_CHIEF)) {
            throw Problem.forbidden(
                    NOT_YOUR_GRID,
                    "case "
                            + caseNumber
                            + " lies in "
                            + String.join("/", caseGrids)
                            + ", where "
                            + person.staffId()
                            + " is not grid chief");
        }
        throw Problem.forbidden(
                NOT_FOR_YOUR_ROLE,
                "a whistle is blown by a dispatcher, a duty chief or the case's"
                        + " grid chief; "
                        + person.staffId()
                        + " is none of them");
    }

    /**
     * A duty report is made by department staff of a summoned department, for their own department.
     */
    public Actor dutyReporter(Person person, Collection<String> summoned) {
        var scope = person.scope();
        if (scope.holds(DEPARTMENT_STAFF)
                && scope.departmentCode() != null
                && summoned.contains(scope.departmentCode())) {
            return new Actor(person.staffId(), DEPARTMENT_STAFF, scope.departmentCode());
        }
        throw Problem.forbidden(
                NOT_SUMMONED,
                person.staffId()
                        + " is not staff of a department this whistle summoned"
                        + " (summoned: "
                        + String.join(", ", summoned)
                        + ")");
    }

    /**
     * A department's tasks are read by its staff, for the department they belong to (never one they
     * name).
     */
    public Actor departmentStaff(Person person) {
        var scope = person.scope();
        if (scope.holds(DEPARTMENT_STAFF) && scope.departmentCode() != null) {
            return new Actor(person.staffId(), DEPARTMENT_STAFF, scope.departmentCode());
        }
        throw Problem.forbidden(
                NOT_DEPARTMENT_STAFF,
                person.staffId()
                        + " holds no department staff post:"
                        + " a department's tasks are read by its own staff");
    }
}
