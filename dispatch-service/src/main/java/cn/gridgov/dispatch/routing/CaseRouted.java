package cn.gridgov.dispatch.routing;

import java.time.Instant;
import java.util.UUID;

/** The data of a {@code dispatch.routed} event (schema: events/dispatch.routed.schema.json). */
public record CaseRouted(UUID caseId, String caseNumber, String departmentCode, String departmentName, String ruleId,
                         Instant decidedAt) {

    public static final String TYPE = "dispatch.routed";

    static CaseRouted of(RoutingDecision decision) {
        return new CaseRouted(decision.caseId, decision.caseNumber, decision.departmentCode, decision.departmentName,
                decision.ruleId, decision.decidedAt);
    }
}
