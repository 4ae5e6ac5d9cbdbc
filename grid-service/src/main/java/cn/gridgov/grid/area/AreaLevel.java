package cn.gridgov.grid.area;

/** Levels of the grid hierarchy, from the district down to the grid a worker walks. */
public enum AreaLevel {
    DISTRICT,
    STREET,
    COMMUNITY,
    BIG_GRID,
    GRID
}
