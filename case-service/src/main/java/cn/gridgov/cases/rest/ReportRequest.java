package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.intake.Report;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A report as a phone, the hotline desk or a sensor sends it. Who reports is not in the body: it is
 * the signed-in caller (a {@code reporterId} a client still sends is ignored).
 */
public record ReportRequest(
        @NotNull UUID reportId,
        @NotNull ReportSource source,
        @NotBlank
                @Pattern(
                        regexp = "[0-9A-Za-z]{2,12}",
                        message = "must be a category code of 2 to 12 letters or digits")
                String category,
        @NotBlank @Size(max = 2000) String description,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @Size(max = 500) String address,
        @Size(max = 9) List<@NotNull UUID> photoIds) {

    Report toReport(Actor reporter) {
        return new Report(
                reportId,
                source,
                reporter.staffId(),
                category,
                description.strip(),
                longitude,
                latitude,
                address,
                photoIds == null ? List.of() : List.copyOf(photoIds),
                reporter);
    }
}
