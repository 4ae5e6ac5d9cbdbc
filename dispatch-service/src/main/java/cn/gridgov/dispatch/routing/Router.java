package cn.gridgov.dispatch.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Picks the rule for a category: the most specific prefix wins, then the higher priority, then the
 * lower id, so the same rules always give the same answer.
 */
public final class Router {

    private static final Comparator<RoutingRule> BEST_FIRST = Comparator
            .<RoutingRule>comparingInt(rule -> rule.categoryPrefix.length()).reversed()
            .thenComparing(Comparator.<RoutingRule>comparingInt(rule -> rule.priority).reversed())
            .thenComparing(rule -> rule.id);

    private Router() {
    }

    public static Optional<RoutingRule> choose(Collection<RoutingRule> rules, String category) {
        return rules.stream().filter(rule -> rule.matches(category)).min(BEST_FIRST);
    }
}
