package cn.gridgov.contracts.dispatch;

import cn.gridgov.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * dispatch.routed: where a case goes (step 4, 分流交办), by which rule and why. {@code mode} is
 * IN_GRID, DEPARTMENT or MANUAL; {@code departmentCode}/{@code departmentName} are the lead (GRID
 * for IN_GRID, CC for MANUAL). {@code actor} is the dispatcher of an override, absent when the
 * rules decided.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Routed(
        UUID caseId,
        String caseNumber,
        String mode,
        String departmentCode,
        String departmentName,
        List<DepartmentRef> coHandlers,
        String ruleId,
        String reason,
        String overriddenBy,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Actor actor) {}
