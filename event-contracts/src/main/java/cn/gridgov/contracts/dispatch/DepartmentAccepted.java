package cn.gridgov.contracts.dispatch;

import cn.gridgov.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * dispatch.department-accepted: the lead department accepted the case; {@code staffId} and {@code
 * actor}: who.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DepartmentAccepted(
        UUID caseId, String departmentCode, String staffId, Instant at, Actor actor) {}
