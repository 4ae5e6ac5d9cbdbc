package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.dispatch.organisation.Area;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.dispatch.routing.Level;
import cn.gridgov.dispatch.routing.Router;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.dispatch.routing.RoutingRule;
import cn.gridgov.dispatch.routing.RuleConflicts;
import cn.gridgov.dispatch.routing.SubjectType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Organisation ORG =
            new Organisation(
                    byCode(
                            List.of(
                                    Department.of("CC", "区指挥中心", "DISTRICT", "", "D01"),
                                    Department.of("GRID", "网格长处置", "GRID", "", ""),
                                    Department.of("ZHZF", "区综合执法局", "DISTRICT", "01", "D01"),
                                    Department.of("ZJJ", "区住建局", "DISTRICT", "0102", "D01"),
                                    Department.of("GKJ", "港口管理局", "DISTRICT", "01", "DG-PORT"),
                                    Department.of("SCJG", "区市场监管局", "DISTRICT", "05", "D01"),
                                    Department.of("JD-S1", "柘汪镇政府", "STREET", "01,05", "D01-S1"),
                                    Department.of("JD-S2", "海头镇政府", "STREET", "01,05", "D01-S2")),
                            d -> d.code),
                    byCode(
                            List.of(
                                    area("D01", "DISTRICT", null),
                                    area("D01-S1", "STREET", "D01"),
                                    area("D01-S2", "STREET", "D01"),
                                    area("D01-S1-C1", "COMMUNITY", "D01-S1"),
                                    area("D01-S2-C2", "COMMUNITY", "D01-S2"),
                                    area("G01", "GRID", "D01-S1-C1"),
                                    area("G07", "GRID", "D01-S2-C2")),
                            a -> a.code),
                    Map.of("D01-S2", Set.of("EZ-SOUTH")));

    private static final List<RoutingRule> RULES =
            List.of(
                    rule("R-FALLBACK", "", RoutingMode.MANUAL, "CC"),
                    rule("R-01", "01", RoutingMode.DEPARTMENT, "ZHZF", "ZJJ"),
                    rule("R-0102", "0102", RoutingMode.DEPARTMENT, "ZJJ"),
                    rule("R-02", "02", RoutingMode.IN_GRID, "GRID"),
                    with(
                            rule("R-PORT-01", "01", RoutingMode.DEPARTMENT, "GKJ"),
                            r -> r.areaCode = "DG-PORT"),
                    with(rule("R-05", "05", RoutingMode.DEPARTMENT, "SCJG"), r -> {}),
                    with(
                            rule("R-05-LP", "05", RoutingMode.DEPARTMENT, "SCJG"),
                            r -> r.subjectType = SubjectType.LEGAL_PERSON),
                    with(
                            rule("R-05-NP", "05", RoutingMode.DEPARTMENT, null),
                            r -> {
                                r.subjectType = SubjectType.NATURAL_PERSON;
                                r.level = Level.STREET;
                            }),
                    with(
                            rule("R-0104-EZ", "0104", RoutingMode.DEPARTMENT, "ZHZF"),
                            r -> r.areaCode = "EZ-SOUTH"));

    @Test
    @DisplayName(
            "the most specific category prefix wins, and the decision names the rule and the co-handlers")
    void mostSpecificPrefixWins() {
        var pothole = route("0102", "G07", null);
        assertThat(pothole.ruleId()).isEqualTo("R-0102");
        assertThat(pothole.lead().code).isEqualTo("ZJJ");

        var manhole = route("0101", "G07", null);
        assertThat(manhole.ruleId()).isEqualTo("R-01");
        assertThat(manhole.mode()).isEqualTo(RoutingMode.DEPARTMENT);
        assertThat(manhole.coHandlers()).extracting(d -> d.code).containsExactly("ZJJ");
        assertThat(manhole.reason())
                .contains("rule R-01 matched")
                .contains("lead ZHZF")
                .contains("co-handlers ZJJ");
    }

    @Test
    @DisplayName("a dispute is handled in the grid by its grid chief")
    void disputesStayInTheGrid() {
        var dispute = route("0201", "G07", null);
        assertThat(dispute.mode()).isEqualTo(RoutingMode.IN_GRID);
        assertThat(dispute.lead().code).isEqualTo("GRID");
    }

    @Test
    @DisplayName(
            "inside the port's dedicated grid, port matters go to the port authority even over a more specific category rule")
    void dedicatedGridOverrides() {
        var place = ORG.placeOf("G01", List.of("DG-PORT"));
        var route = Router.route(RULES, ORG, new Router.Request("0102", null, place, Set.of()));
        assertThat(route.ruleId()).isEqualTo("R-PORT-01");
        assertThat(route.lead().code).isEqualTo("GKJ");
        // Outside the port the same category goes by its ordinary rule.
        assertThat(route("0102", "G01", null).lead().code).isEqualTo("ZJJ");
    }

    @Test
    @DisplayName(
            "a legal person's matter goes to the district, a natural person's to the town government of the place")
    void subjectTypeChoosesTheLevel() {
        assertThat(route("0501", "G07", SubjectType.LEGAL_PERSON).lead().code).isEqualTo("SCJG");
        var natural = route("0501", "G07", SubjectType.NATURAL_PERSON);
        assertThat(natural.ruleId()).isEqualTo("R-05-NP");
        assertThat(natural.lead().code).isEqualTo("JD-S2");
        assertThat(route("0501", "G01", SubjectType.NATURAL_PERSON).lead().code).isEqualTo("JD-S1");
        assertThat(route("0501", "G07", null).ruleId()).isEqualTo("R-05");
    }

    @Test
    @DisplayName("a rule naming an enforcement zone applies only to cases inside the zone")
    void enforcementZone() {
        assertThat(route("0104", "G07", null).ruleId()).isEqualTo("R-0104-EZ");
        assertThat(route("0104", "G01", null).ruleId()).isEqualTo("R-01");
    }

    @Test
    @DisplayName(
            "a department that sent the case back is passed over, with the reason in the decision")
    void sentBackDepartmentIsPassedOver() {
        var place = ORG.placeOf("G07", List.of());
        var again =
                Router.route(
                        RULES,
                        ORG,
                        new Router.Request(
                                "0501", SubjectType.NATURAL_PERSON, place, Set.of("JD-S2")));
        assertThat(again.lead().code).isEqualTo("SCJG");
        assertThat(again.ruleId()).isEqualTo("R-05");
        assertThat(again.reason()).contains("passed over R-05-NP");

        var nobodyLeft =
                Router.route(
                        RULES, ORG, new Router.Request("0102", null, place, Set.of("ZJJ", "ZHZF")));
        assertThat(nobodyLeft.mode()).isEqualTo(RoutingMode.MANUAL);
        assertThat(nobodyLeft.lead().code).isEqualTo("CC");
        assertThat(nobodyLeft.ruleId()).isEqualTo("R-FALLBACK");
    }

    @Test
    @DisplayName("a co-handler that sent the case back is dropped from the co-handlers")
    void sentBackCoHandlerIsDropped() {
        var place = ORG.placeOf("G07", List.of());
        var route =
                Router.route(RULES, ORG, new Router.Request("0101", null, place, Set.of("ZJJ")));
        assertThat(route.lead().code).isEqualTo("ZHZF");
        assertThat(route.coHandlers()).isEmpty();
    }

    @Test
    @DisplayName("without any matching rule the command center dispatches by hand")
    void noRuleNoRoute() {
        var route =
                Router.route(
                        RULES.subList(1, 3),
                        ORG,
                        new Router.Request("9901", null, ORG.placeOf("G07", List.of()), Set.of()));
        assertThat(route.mode()).isEqualTo(RoutingMode.MANUAL);
        assertThat(route.ruleId()).isEqualTo(Router.NO_RULE);
        assertThat(route.reason()).contains("no rule fits");
    }

    @Test
    @DisplayName(
            "between rules on the same terms the higher priority wins, and equal priority is an overlap")
    void priorityAndOverlap() {
        var low = rule("R-X-LOW", "0201", RoutingMode.IN_GRID, "GRID");
        var high =
                with(rule("R-X-HIGH", "0201", RoutingMode.DEPARTMENT, "ZHZF"), r -> r.priority = 5);
        var place = ORG.placeOf("G07", List.of());
        assertThat(
                        Router.route(
                                        List.of(low, high),
                                        ORG,
                                        new Router.Request("0201", null, place, Set.of()))
                                .ruleId())
                .isEqualTo("R-X-HIGH");

        var twin = rule("R-X-TWIN", "0201", RoutingMode.DEPARTMENT, "ZJJ");
        assertThat(RuleConflicts.overlapping(List.of(low, high), twin))
                .get()
                .extracting(r -> r.id)
                .isEqualTo("R-X-LOW");
        var elsewhere =
                with(
                        rule("R-X-ELSEWHERE", "0201", RoutingMode.DEPARTMENT, "ZJJ"),
                        r -> r.areaCode = "G07");
        assertThat(RuleConflicts.overlapping(List.of(low, high), elsewhere)).isEmpty();
    }

    private static Router.Route route(String category, String grid, SubjectType subject) {
        return Router.route(
                RULES,
                ORG,
                new Router.Request(category, subject, ORG.placeOf(grid, List.of()), Set.of()));
    }

    private static RoutingRule rule(
            String id, String prefix, RoutingMode mode, String department, String... coHandlers) {
        var rule = new RoutingRule();
        rule.id = id;
        rule.categoryPrefix = prefix;
        rule.mode = mode;
        rule.departmentCode = department;
        rule.coHandlers = String.join(",", coHandlers);
        return rule;
    }

    private static RoutingRule with(
            RoutingRule rule, java.util.function.Consumer<RoutingRule> change) {
        change.accept(rule);
        return rule;
    }

    private static Area area(String code, String level, String parent) {
        var area = new Area();
        area.code = code;
        area.level = level;
        area.kind = "COMPREHENSIVE";
        area.parentCode = parent;
        return area;
    }

    private static <T> Map<String, T> byCode(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
