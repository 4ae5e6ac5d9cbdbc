package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.routing.RoutingMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies of the commands on a routed case. */
public final class CaseActionRequests {

    private CaseActionRequests() {
    }

    public record Accept(@NotBlank @Size(max = 40) String departmentCode, @NotBlank @Size(max = 64) String staffId) {
    }

    public record SendBack(@NotBlank @Size(max = 40) String departmentCode, @NotBlank @Size(max = 64) String staffId,
                           @NotBlank @Size(max = 500) String reason) {
    }

    public record Override(@NotNull RoutingMode mode, @Size(max = 40) String departmentCode,
                           @Size(max = 10) List<@NotBlank String> coHandlers, @NotBlank @Size(max = 64) String staffId,
                           @NotBlank @Size(max = 500) String reason) {
    }
}
