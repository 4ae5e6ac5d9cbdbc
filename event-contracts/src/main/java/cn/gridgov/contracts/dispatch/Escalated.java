package cn.gridgov.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * dispatch.escalated: a summoned department did not arrive in time; {@code to} SUPERVISOR or
 * LEADERSHIP.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Escalated(
        UUID caseId, UUID whistleId, String departmentCode, int level, String to, String reason) {}
