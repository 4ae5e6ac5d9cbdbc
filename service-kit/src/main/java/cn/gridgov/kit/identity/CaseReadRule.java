package cn.gridgov.kit.identity;

import cn.gridgov.kit.problem.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which cases a person may read, in every service (the read rule): all of them to the command
 * center, supervisors, leaders and administrators; to anyone holding a post in an area, the cases
 * lying in those areas (a grid post's grid, a community inspector's community); to department
 * staff, the cases their department leads, co-handles or a whistle summons it to; both when a
 * person holds both; and to each of them the cases they reported themselves (a grid worker reports
 * anywhere, 通办, and keeps hearing of what they reported, 首问责任制). Anyone else reads no case ({@value
 * #NOT_FOR_YOUR_ROLE}). A search narrows to what the rule allows; a read of one case outside it is
 * refused ({@value #NOT_YOUR_CASE}).
 */
public record CaseReadRule(boolean all, Set<String> areas, String department, String reporter) {

    /** No post that reads cases at all. */
    public static final String NOT_FOR_YOUR_ROLE = "NOT_FOR_YOUR_ROLE";

    /** A case outside the areas and the department the person's posts read. */
    public static final String NOT_YOUR_CASE = "NOT_YOUR_CASE";

    /** The posts that read every case. */
    public static final Set<String> READ_ALL =
            Set.of("DISPATCHER", "DUTY_CHIEF", "SUPERVISOR", "LEADER", "ADMIN");

    private static final CaseReadRule EVERYTHING = new CaseReadRule(true, Set.of(), null, null);

    public CaseReadRule {
        areas = Set.copyOf(areas);
    }

    /** The rule of this person, or a 403 {@value #NOT_FOR_YOUR_ROLE} for one who reads no case. */
    public static CaseReadRule of(Caller caller, StaffScope scope) {
        if (READ_ALL.stream().anyMatch(scope::holds)) {
            return EVERYTHING;
        }
        var areas = new LinkedHashSet<String>();
        scope.posts().stream()
                .filter(p -> p.areaCode() != null)
                .forEach(p -> areas.add(p.areaCode()));
        var department = scope.holds("DEPARTMENT_STAFF") ? scope.departmentCode() : null;
        if (areas.isEmpty() && department == null) {
            throw Problem.forbidden(
                    NOT_FOR_YOUR_ROLE,
                    "cases are read by "
                            + READ_ALL.stream().sorted().toList()
                            + ", by grid staff (their grids) and by department staff (their"
                            + " department's cases); "
                            + caller.staffId()
                            + " holds "
                            + describe(caller, scope));
        }
        return new CaseReadRule(false, areas, department, caller.staffId());
    }

    /**
     * The same rule with its areas widened to every area under them (a service that knows the
     * tree).
     */
    public CaseReadRule withAreas(Set<String> widened) {
        return all ? this : new CaseReadRule(false, widened, department, reporter);
    }

    /**
     * Whether the rule lets its holder read a case lying in these areas (its grids, and, where the
     * service knows them, the areas above), led or co-handled by these departments and reported by
     * this person (null when not known).
     */
    public boolean reads(
            Collection<String> caseAreas, Collection<String> caseDepartments, String caseReporter) {
        return all
                || caseAreas.stream().anyMatch(areas::contains)
                || (department != null && caseDepartments.contains(department))
                || (reporter != null && reporter.equals(caseReporter));
    }

    /** A 403 {@value #NOT_YOUR_CASE} unless the rule lets its holder read this case. */
    public void requireReads(
            String caseNumber,
            Collection<String> caseAreas,
            Collection<String> caseDepartments,
            String caseReporter) {
        if (!reads(caseAreas, caseDepartments, caseReporter)) {
            var scope = new ArrayList<String>();
            if (!areas.isEmpty()) {
                scope.add("the cases of " + areas.stream().sorted().limit(12).toList());
            }
            if (department != null) {
                scope.add("the cases " + department + " leads, co-handles or is summoned to");
            }
            scope.add("the cases they reported");
            throw Problem.forbidden(
                    NOT_YOUR_CASE,
                    reporter
                            + " reads "
                            + String.join(", ", scope)
                            + "; case "
                            + caseNumber
                            + " lies in "
                            + (caseAreas.isEmpty() ? "no grid yet" : caseAreas)
                            + (caseDepartments.isEmpty()
                                    ? ""
                                    : " and is handled by " + caseDepartments));
        }
    }

    private static String describe(Caller caller, StaffScope scope) {
        if (caller.isService()) {
            return "a service";
        }
        var posts = new ArrayList<String>();
        scope.posts()
                .forEach(
                        p ->
                                posts.add(
                                        p.areaCode() == null
                                                ? p.role()
                                                : p.role() + " of " + p.areaCode()));
        return posts.isEmpty() ? "no post" : String.join(", ", posts);
    }
}
