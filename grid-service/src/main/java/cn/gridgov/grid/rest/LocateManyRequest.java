package cn.gridgov.grid.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Points to locate in one request, as a service that reports many at once sends them. */
public record LocateManyRequest(
        @NotNull @Size(min = 1, max = LocateManyRequest.MAX_POINTS)
                List<@NotNull @Valid Point> points) {

    public static final int MAX_POINTS = 1000;

    public record Point(
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude) {}
}
