package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * case.dispatch-refused: case-service refused one of dispatch-service's decisions (a
 * dispatch.routed, department-accepted or sent-back that no longer fits the case); the snapshot
 * (status, step and handler as case-service holds them), the refused event, why, and who handles
 * the case (DEPARTMENT or GRID).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatchRefused(
        @JsonUnwrapped CaseSnapshot snapshot,
        String refusedEventId,
        String refusedType,
        String reason,
        String handlerKind) {}
