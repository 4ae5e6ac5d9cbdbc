package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision as the API shows it; {@code refusalCount}, {@code lastRefusal} and {@code refusedAt}
 * say how often case-service refused its events and the decision was brought back in line with the
 * case.
 */
public record DecisionView(
        UUID caseId,
        String caseNumber,
        String category,
        String gridCode,
        RoutingMode mode,
        String departmentCode,
        String departmentName,
        List<String> coHandlers,
        String ruleId,
        String reason,
        String overriddenBy,
        String overrideReason,
        RoutingDecision.State state,
        String acceptedBy,
        Instant acceptedAt,
        int sendBackCount,
        Instant decidedAt,
        int refusalCount,
        String lastRefusal,
        Instant refusedAt) {

    static DecisionView of(RoutingDecision d) {
        return new DecisionView(
                d.caseId,
                d.caseNumber,
                d.category,
                d.gridCode,
                d.mode,
                d.departmentCode,
                d.departmentName,
                d.coHandlerCodes(),
                d.ruleId,
                d.reason,
                d.overriddenBy,
                d.overrideReason,
                d.state,
                d.acceptedBy,
                d.acceptedAt,
                d.sendBackCount,
                d.decidedAt,
                d.refusalCount,
                d.lastRefusal,
                d.refusedAt);
    }
}
