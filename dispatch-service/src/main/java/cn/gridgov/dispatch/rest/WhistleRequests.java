package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.whistle.WhistleKind;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

public final class WhistleRequests {

    private WhistleRequests() {}

    /**
     * {@code whistleId} is optional: a client that may resend supplies one, and a resend answers
     * with the same whistle. Who blows it is the caller (the token), never the body.
     */
    public record Blow(
            UUID whistleId,
            @NotNull WhistleKind kind,
            @NotEmpty @Size(max = 20) List<@NotBlank String> departments,
            @Min(1) @Max(1440) Integer reportWithinMinutes) {}

    /**
     * Where the caller stands; who reports, and for which department, comes from the token and
     * their posts.
     */
    public record DutyReport(
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude) {}
}
