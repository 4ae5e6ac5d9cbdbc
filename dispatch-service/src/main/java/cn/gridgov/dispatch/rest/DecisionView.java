package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record DecisionView(UUID caseId, String caseNumber, String category, String gridCode, RoutingMode mode,
                           String departmentCode, String departmentName, List<String> coHandlers, String ruleId,
                           String reason, String overriddenBy, String overrideReason, RoutingDecision.State state,
                           String acceptedBy, Instant acceptedAt, int sendBackCount, Instant decidedAt) {

    static DecisionView of(RoutingDecision d) {
        return new DecisionView(d.caseId, d.caseNumber, d.category, d.gridCode, d.mode, d.departmentCode,
                d.departmentName, d.coHandlerCodes(), d.ruleId, d.reason, d.overriddenBy, d.overrideReason, d.state,
                d.acceptedBy, d.acceptedAt, d.sendBackCount, d.decidedAt);
    }
}
