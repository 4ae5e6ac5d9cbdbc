package cn.gridgov.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * dispatch.decision-realigned: case-service refused one of this decision's events
 * (case.dispatch-refused) and the decision now says what case-service says: its lead, ACCEPTED once
 * the case is handled, ROUTED while it waits for a department. Carries the refusal, so the console
 * (through the stream) and whoever gave the refused command hear of it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DecisionRealigned(
        UUID caseId,
        String caseNumber,
        String mode,
        String departmentCode,
        String departmentName,
        String state,
        String caseStatus,
        String caseStep,
        String refusedEventId,
        String refusedType,
        String reason,
        int refusalCount,
        Instant at) {}
