package cn.gridgov.grid.geojson;

/**
 * How an import is to be judged. {@code allowOverlaps}: comprehensive grids may overlap one another
 * (refused otherwise, since a point in two of them has no single grid). {@code baseVersion}: the
 * grids' version the preview was made against; when given, the import is refused if anything
 * changed the grids since.
 */
public record ImportOptions(boolean allowOverlaps, Long baseVersion) {

    public static final ImportOptions STRICT = new ImportOptions(false, null);
}
