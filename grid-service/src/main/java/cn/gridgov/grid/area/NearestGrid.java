package cn.gridgov.grid.area;

/** The grid closest to a point that lies outside every grid, and how far away it is. */
public record NearestGrid(GridArea grid, double distanceMeters) {}
