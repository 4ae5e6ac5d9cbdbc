package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.dispatch.routing.Router;
import cn.gridgov.dispatch.routing.RoutingRule;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final List<RoutingRule> RULES = List.of(
            rule("R-FALLBACK", "", 0), rule("R-01", "01", 0), rule("R-0102", "0102", 0),
            rule("R-02-LOW", "02", 0), rule("R-02-HIGH", "02", 5));

    @Test
    @DisplayName("the most specific category prefix wins over a broader one")
    void mostSpecificPrefixWins() {
        assertThat(Router.choose(RULES, "0102")).get().extracting(rule -> rule.id).isEqualTo("R-0102");
        assertThat(Router.choose(RULES, "0101")).get().extracting(rule -> rule.id).isEqualTo("R-01");
    }

    @Test
    @DisplayName("between equally specific rules the higher priority wins")
    void higherPriorityWins() {
        assertThat(Router.choose(RULES, "0201")).get().extracting(rule -> rule.id).isEqualTo("R-02-HIGH");
    }

    @Test
    @DisplayName("a category no rule names falls back to the command center rule")
    void unknownCategoryFallsBack() {
        assertThat(Router.choose(RULES, "9901")).get().extracting(rule -> rule.id).isEqualTo("R-FALLBACK");
    }

    @Test
    @DisplayName("without a fallback rule an unknown category has no route")
    void noFallbackNoRoute() {
        assertThat(Router.choose(RULES.subList(1, 3), "9901")).isEmpty();
    }

    private static RoutingRule rule(String id, String prefix, int priority) {
        var rule = new RoutingRule();
        rule.id = id;
        rule.categoryPrefix = prefix;
        rule.priority = priority;
        rule.departmentCode = id;
        return rule;
    }
}
