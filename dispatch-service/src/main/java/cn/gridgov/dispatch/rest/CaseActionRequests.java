package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.routing.RoutingMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The bodies of the commands on a routed case (acceptance has none: the case is in the path). None
 * says who acts: the caller comes from the token, and the department they act for from their posts
 * (see {@code DispatchPolicy}).
 */
public final class CaseActionRequests {

    private CaseActionRequests() {}

    public record SendBack(@NotBlank @Size(max = 500) String reason) {}

    /** {@code departmentCode} is where the case goes (the new lead), not who decides. */
    public record Override(
            @NotNull RoutingMode mode,
            @Size(max = 40) String departmentCode,
            @Size(max = 10) List<@NotBlank String> coHandlers,
            @NotBlank @Size(max = 500) String reason) {}
}
