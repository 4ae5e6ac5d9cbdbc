package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.routing.Level;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.dispatch.routing.RuleService.RuleDraft;
import cn.gridgov.dispatch.routing.SubjectType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A routing rule as a dispatcher submits it. */
public record RuleRequest(
        @Pattern(
                        regexp = "[A-Za-z0-9_-]{1,40}",
                        message = "must be 1 to 40 letters, digits, '-' or '_'")
                String id,
        @Pattern(regexp = "\\d{0,4}", message = "must be a category code prefix of up to 4 digits")
                String categoryPrefix,
        @Size(max = 40) String areaCode,
        SubjectType subjectType,
        Level level,
        @NotNull RoutingMode mode,
        @Size(max = 40) String departmentCode,
        @Size(max = 10) List<@NotBlank String> coHandlers,
        @Min(-1000) @Max(1000) Integer priority,
        @Size(max = 300) String description) {

    RuleDraft toDraft(String id) {
        return new RuleDraft(
                id,
                categoryPrefix,
                areaCode,
                subjectType,
                level,
                mode,
                departmentCode,
                coHandlers == null ? List.of() : coHandlers,
                priority == null ? 0 : priority,
                description);
    }
}
