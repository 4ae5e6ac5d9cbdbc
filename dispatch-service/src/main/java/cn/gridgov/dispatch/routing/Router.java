package cn.gridgov.dispatch.routing;

import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.dispatch.organisation.Place;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the route for a case from the rules, as a pure function of its inputs.
 *
 * <p>Order of preference: a rule naming a dedicated grid the case lies in (the port authority for
 * port matters overrides everything else), then the most specific category prefix, then the most
 * specific area (grid, community, zone, town, district, anywhere), then a rule naming the subject
 * type over one that does not, then the higher priority, then the lower id. A rule whose lead
 * department has sent the case back (or cannot be resolved) is passed over, with the reason
 * recorded, and the next one is tried; when none is left the command center dispatches by hand.
 */
public final class Router {

    /** Who a case goes to and why. {@code rule} is null when no rule was left. */
    public record Route(
            RoutingRule rule,
            RoutingMode mode,
            Department lead,
            List<Department> coHandlers,
            String reason) {

        public String ruleId() {
            return rule == null ? NO_RULE : rule.id;
        }
    }

    /** What the router needs to know about a case. */
    public record Request(
            String category, SubjectType subjectType, Place place, Set<String> excluded) {}

    public static final String NO_RULE = "NONE";

    private Router() {}

    public static Comparator<RoutingRule> bestFirst(Place place) {
        return Comparator.<RoutingRule>comparingInt(
                        rule -> place.rankOf(rule.areaCode) == Place.DEDICATED ? 0 : 1)
                .thenComparing(
                        Comparator.<RoutingRule>comparingInt(rule -> rule.categoryPrefix.length())
                                .reversed())
                .thenComparing(
                        Comparator.<RoutingRule>comparingInt(rule -> areaRank(rule, place))
                                .reversed())
                .thenComparingInt(rule -> rule.subjectType != null ? 0 : 1)
                .thenComparing(
                        Comparator.<RoutingRule>comparingInt(rule -> rule.priority).reversed())
                .thenComparing(rule -> rule.id);
    }

    /** The rules that apply to a case, best first. */
    public static List<RoutingRule> candidates(Collection<RoutingRule> rules, Request request) {
        return rules.stream()
                .filter(rule -> rule.matchesCategory(request.category()))
                .filter(rule -> rule.matchesSubject(request.subjectType()))
                .filter(rule -> areaRank(rule, request.place()) != Place.NOT_HERE)
                .sorted(bestFirst(request.place()))
                .toList();
    }

    public static Route route(
            Collection<RoutingRule> rules, Organisation organisation, Request request) {
        var passedOver = new ArrayList<String>();
        for (var rule : candidates(rules, request)) {
            var lead = leadOf(rule, organisation, request);
            if (lead.isEmpty()) {
                passedOver.add(rule.id + " (" + whyNot(rule, request) + ")");
                continue;
            }
            var coHandlers =
                    rule.mode == RoutingMode.DEPARTMENT
                            ? rule.coHandlerCodes().stream()
                                    .filter(
                                            code ->
                                                    !code.equals(lead.get().code)
                                                            && !request.excluded().contains(code))
                                    .map(organisation::department)
                                    .filter(d -> d != null)
                                    .toList()
                            : List.<Department>of();
            return new Route(
                    rule,
                    rule.mode,
                    lead.get(),
                    coHandlers,
                    explain(rule, lead.get(), coHandlers, passedOver));
        }
        var center =
                Optional.ofNullable(organisation.department(Department.COMMAND_CENTER))
                        .orElseGet(
                                () ->
                                        Department.of(
                                                Department.COMMAND_CENTER,
                                                "区指挥中心",
                                                "DISTRICT",
                                                "",
                                                ""));
        var reason =
                "no rule fits category "
                        + request.category()
                        + " here"
                        + (passedOver.isEmpty()
                                ? ""
                                : " (passed over: " + String.join(", ", passedOver) + ")")
                        + ": the command center dispatches by hand";
        return new Route(null, RoutingMode.MANUAL, center, List.of(), reason);
    }

    private static int areaRank(RoutingRule rule, Place place) {
        return rule.areaCode == null ? 0 : place.rankOf(rule.areaCode);
    }

    private static Optional<Department> leadOf(
            RoutingRule rule, Organisation organisation, Request request) {
        var code =
                switch (rule.mode) {
                    case IN_GRID -> Department.GRID;
                    case MANUAL -> Department.COMMAND_CENTER;
                    case DEPARTMENT -> rule.departmentCode;
                };
        if (code == null) {
            return localDepartment(rule, organisation, request);
        }
        if (request.excluded().contains(code)) {
            return Optional.empty();
        }
        var department = organisation.department(code);
        if (department == null && rule.mode != RoutingMode.DEPARTMENT) {
            department =
                    Department.of(
                            code,
                            rule.mode == RoutingMode.IN_GRID ? "网格长处置" : "区指挥中心",
                            rule.mode == RoutingMode.IN_GRID ? "GRID" : "DISTRICT",
                            "",
                            "");
        }
        return Optional.ofNullable(department);
    }

    /**
     * The department of the rule's level that covers the place most specifically and is responsible
     * for the category.
     */
    private static Optional<Department> localDepartment(
            RoutingRule rule, Organisation organisation, Request request) {
        var place = request.place();
        return organisation.departments().values().stream()
                .filter(d -> rule.level == null || rule.level.name().equals(d.level))
                .filter(d -> !request.excluded().contains(d.code))
                .filter(d -> d.responsibleFor(request.category()))
                .filter(
                        d ->
                                d.jurisdictionCodes().stream()
                                        .anyMatch(code -> place.rankOf(code) != Place.NOT_HERE))
                .min(
                        Comparator.<Department>comparingInt(
                                        d ->
                                                -d.jurisdictionCodes().stream()
                                                        .mapToInt(place::rankOf)
                                                        .max()
                                                        .orElse(Place.NOT_HERE))
                                .thenComparing(d -> d.code));
    }

    private static String whyNot(RoutingRule rule, Request request) {
        if (rule.departmentCode != null && request.excluded().contains(rule.departmentCode)) {
            return rule.departmentCode + " sent it back";
        }
        if (rule.departmentCode == null) {
            return "no "
                    + (rule.level == null ? "" : rule.level.name().toLowerCase() + " ")
                    + "department covers this place and category";
        }
        return "department " + rule.departmentCode + " is unknown";
    }

    private static String explain(
            RoutingRule rule,
            Department lead,
            List<Department> coHandlers,
            List<String> passedOver) {
        var text =
                new StringBuilder("rule ")
                        .append(rule.id)
                        .append(" matched (category ")
                        .append(rule.categoryPrefix.isEmpty() ? "any" : rule.categoryPrefix)
                        .append(", area ")
                        .append(rule.areaCode == null ? "any" : rule.areaCode)
                        .append(", subject ")
                        .append(rule.subjectType == null ? "any" : rule.subjectType)
                        .append(", priority ")
                        .append(rule.priority)
                        .append("): ");
        switch (rule.mode) {
            case IN_GRID -> text.append("handled in the grid by its grid chief");
            case MANUAL -> text.append("the command center dispatches by hand");
            case DEPARTMENT -> {
                text.append("lead ").append(lead.code).append(' ').append(lead.name);
                if (rule.departmentCode == null) {
                    text.append(" (the ")
                            .append(rule.level == null ? "" : rule.level.name().toLowerCase() + " ")
                            .append("department covering the place)");
                }
                if (!coHandlers.isEmpty()) {
                    text.append(", co-handlers ")
                            .append(
                                    String.join(
                                            ", ",
                                            coHandlers.stream()
                                                    .map(d -> d.code + " " + d.name)
                                                    .toList()));
                }
            }
        }
        if (!passedOver.isEmpty()) {
            text.append("; passed over ").append(String.join(", ", passedOver));
        }
        return text.toString();
    }
}
