package cn.gridgov.grid.area;

/**
 * A comprehensive area is part of the seamless cover of the town; a dedicated grid (专属网格, a port or
 * an industrial park) is overlaid on comprehensive grids.
 */
public enum AreaKind {
    COMPREHENSIVE,
    DEDICATED
}
