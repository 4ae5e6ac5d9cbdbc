package cn.gridgov.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * dispatch.sla-warning: supervision of the current step (跟踪督办), YELLOW/URGE (催办) or RED/SUPERVISE
 * (督办) at an escalation level. dispatch-service writes these in SQL; this record is what they read
 * as.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlaWarning(
        UUID caseId,
        String step,
        String color,
        String action,
        int escalationLevel,
        Instant dueAt,
        Instant at) {}
