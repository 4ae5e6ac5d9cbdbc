package cn.gridgov.contracts.dispatch;

import cn.gridgov.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * dispatch.sent-back: the lead department sent the case back (回退); a new dispatch.routed follows.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SentBack(
        UUID caseId,
        String departmentCode,
        String reason,
        int sendBackCount,
        Instant at,
        String staffId,
        Actor actor) {}
