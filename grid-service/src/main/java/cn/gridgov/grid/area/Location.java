package cn.gridgov.grid.area;

import java.util.List;

/** Where a point lies: its comprehensive grid, that grid's ancestors (nearest first) and the dedicated grids over it. */
public record Location(GridArea grid, List<GridArea> ancestors, List<GridArea> dedicated) {
}
