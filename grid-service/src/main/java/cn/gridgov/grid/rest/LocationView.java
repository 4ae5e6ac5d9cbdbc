package cn.gridgov.grid.rest;

import cn.gridgov.grid.area.Location;
import java.util.List;

/**
 * The answer to "which grid is this point in". {@code overlapping}: empty, or every comprehensive
 * grid the point lies inside when grids overlap there ({@code grid} is the one with the lowest
 * code).
 */
public record LocationView(
        double longitude,
        double latitude,
        AreaView grid,
        List<AreaView> ancestors,
        List<AreaView> dedicated,
        List<String> overlapping) {

    static LocationView of(double lon, double lat, Location location) {
        return new LocationView(
                lon,
                lat,
                AreaView.of(location.grid()),
                location.ancestors().stream().map(AreaView::of).toList(),
                location.dedicated().stream().map(AreaView::of).toList(),
                location.overlapping());
    }
}
