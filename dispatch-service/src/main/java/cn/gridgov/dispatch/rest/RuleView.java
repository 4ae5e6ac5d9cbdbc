package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.routing.Level;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.dispatch.routing.RoutingRule;
import cn.gridgov.dispatch.routing.SubjectType;
import java.util.List;

public record RuleView(
        String id,
        String categoryPrefix,
        String areaCode,
        SubjectType subjectType,
        Level level,
        RoutingMode mode,
        String departmentCode,
        String departmentName,
        List<String> coHandlers,
        int priority,
        String description) {

    static RuleView of(RoutingRule rule) {
        return new RuleView(
                rule.id,
                rule.categoryPrefix,
                rule.areaCode,
                rule.subjectType,
                rule.level,
                rule.mode,
                rule.departmentCode,
                rule.departmentName,
                rule.coHandlerCodes(),
                rule.priority,
                rule.description);
    }
}
