package cn.gridgov.grid.rest;

import cn.gridgov.grid.area.Location;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where one of many points lies, by code only: its comprehensive grid and the dedicated grids over
 * it (and, where comprehensive grids overlap, all those the point lies inside), or, outside every
 * grid, why (naming the nearest grid). The single-point locate answers with the areas themselves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PointLocation(
        double longitude,
        double latitude,
        String grid,
        List<String> dedicated,
        List<String> overlapping,
        String outside) {

    static PointLocation located(double lon, double lat, Location location) {
        return new PointLocation(
                lon,
                lat,
                location.grid().code,
                location.dedicated().stream().map(area -> area.code).toList(),
                location.overlapping().isEmpty() ? null : location.overlapping(),
                null);
    }

    static PointLocation outside(double lon, double lat, String why) {
        return new PointLocation(lon, lat, null, null, null, why);
    }
}
