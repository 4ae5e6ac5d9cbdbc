package cn.gridgov.dispatch.routing;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Two rules overlap when they would compete for the same cases on equal terms: same category
 * prefix, same area, same subject type and the same priority. Only their ids would then decide,
 * which nobody meant; such a rule set is refused.
 */
public final class RuleConflicts {

    private RuleConflicts() {}

    /** The first existing rule that the candidate overlaps with (ignoring the rule it replaces). */
    public static Optional<RoutingRule> overlapping(
            Collection<RoutingRule> existing, RoutingRule candidate) {
        return existing.stream()
                .filter(rule -> !rule.id.equals(candidate.id))
                .filter(rule -> overlap(rule, candidate))
                .min(java.util.Comparator.comparing(rule -> rule.id));
    }

    static boolean overlap(RoutingRule a, RoutingRule b) {
        return a.categoryPrefix.equals(b.categoryPrefix)
                && Objects.equals(a.areaCode, b.areaCode)
                && a.subjectType == b.subjectType
                && a.priority == b.priority;
    }
}
