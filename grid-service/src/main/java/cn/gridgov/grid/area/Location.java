package cn.gridgov.grid.area;

import java.util.List;

/**
 * Where a point lies: its comprehensive grid, that grid's ancestors (nearest first) and the
 * dedicated grids over it. {@code overlapping}: when the point lies inside two or more
 * comprehensive grids (an overlap an import was told to allow), all of them by code, the answered
 * one among them; otherwise empty. A point on the border two grids share is inside neither, so it
 * is no overlap.
 */
public record Location(
        GridArea grid,
        List<GridArea> ancestors,
        List<GridArea> dedicated,
        List<String> overlapping) {}
