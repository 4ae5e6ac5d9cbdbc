package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.Role;
import cn.gridgov.cases.grid.GridTree;
import cn.gridgov.cases.workflow.CasePolicy.Who;
import cn.gridgov.kit.identity.CaseReadRule;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller of the request being served, with what their posts reach in space: the posts from
 * grid-service's staff directory, an area widened to the grids under it from grid-service's area
 * tree (both kept, and forgotten when grid-service announces a change). {@link CasePolicy} decides
 * with what this gathers.
 */
@ApplicationScoped
public class Callers {

    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final GridTree tree;
    private final CasePolicy policy;

    public Callers(SignedIn signedIn, StaffDirectory directory, GridTree tree, CasePolicy policy) {
        this.signedIn = signedIn;
        this.directory = directory;
        this.tree = tree;
        this.policy = policy;
    }

    /**
     * The caller with their posts and, for each of their command-center posts that acts for a
     * district, the grids of the district it serves.
     */
    public Uni<Who> who() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .chain(
                        scope -> {
                            Uni<Map<Role, Set<String>>> served =
                                    Uni.createFrom().item(new EnumMap<>(Role.class));
                            for (var role : CasePolicy.DISTRICT_POSTS) {
                                var areas = scope.areasOf(role.name());
                                if (!areas.isEmpty()) {
                                    served =
                                            served.chain(
                                                    map ->
                                                            under(areas)
                                                                    .map(
                                                                            grids -> {
                                                                                map.put(
                                                                                        role,
                                                                                        grids);
                                                                                return map;
                                                                            }));
                                }
                            }
                            return served.map(map -> new Who(caller, scope, map));
                        });
    }

    /**
     * The case, when the read rule lets the caller read it (a search would find it); a 403 {@code
     * NOT_YOUR_CASE} naming the rule when it does not.
     */
    public Uni<Case> requireReads(Case c) {
        return requireReadsOneOf(List.of(c)).replaceWith(c);
    }

    /**
     * Nothing, when the read rule lets the caller read one of these cases or there are none (what
     * belongs to no case yet, such as a photo just uploaded, tells nothing of one); a 403 {@code
     * NOT_YOUR_CASE} naming the rule and the first case when it does not.
     */
    public Uni<Void> requireReadsOneOf(List<Case> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .map(scope -> policy.readRule(new Who(caller, scope)))
                .chain(
                        rule ->
                                rule.all()
                                        ? Uni.createFrom().item(rule)
                                        : under(rule.areas()).map(rule::withAreas))
                .invoke(
                        rule -> {
                            if (cases.stream().noneMatch(c -> reads(rule, c))) {
                                var first = cases.get(0);
                                rule.requireReads(
                                        first.number,
                                        CasePolicy.gridsOf(first),
                                        CasePolicy.departmentsOf(first),
                                        first.reporterId);
                            }
                        })
                .replaceWithVoid();
    }

    private static boolean reads(CaseReadRule rule, Case c) {
        return rule.reads(CasePolicy.gridsOf(c), CasePolicy.departmentsOf(c), c.reporterId);
    }

    /** Every code in and under these areas; an area grid-service does not know adds none. */
    private Uni<Set<String>> under(Set<String> areas) {
        if (areas.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Multi.createFrom()
                .iterable(areas)
                .onItem()
                .transformToUniAndConcatenate(area -> tree.under(area).map(f -> f.orElse(Set.of())))
                .collect()
                .in(HashSet<String>::new, Set::addAll)
                .map(Set::copyOf);
    }
}
