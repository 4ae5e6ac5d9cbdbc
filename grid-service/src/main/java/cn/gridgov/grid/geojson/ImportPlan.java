package cn.gridgov.grid.geojson;

import java.util.List;

/**
 * What an import does (a preview) or did (once applied), area by area.
 *
 * @param version the grids' version this import made, null for a preview and when nothing changed
 * @param baseVersion the grids' version the import was judged against; apply with it to be sure
 *     nothing moved meanwhile
 * @param added codes the grids do not hold yet, in collection order
 * @param changed areas the file changes, with the properties that differ ({@code geometry} when the
 *     polygons differ at the export's precision of 1e-7°)
 * @param removed stored areas below an area of the file that the file no longer holds
 * @param unchanged how many features are as stored
 * @param coverage every area whose comprehensive children the import changes, covered before and
 *     after
 * @param reshapedGrids comprehensive grids (by code) whose polygon changes or that are removed:
 *     open cases located to them keep their grid code until a dispatcher re-locates them
 *     (case-service holds the cases)
 */
public record ImportPlan(
        Long version,
        long baseVersion,
        boolean nothingChanged,
        List<String> added,
        List<Changed> changed,
        List<Removed> removed,
        int unchanged,
        List<CoverageChange> coverage,
        List<String> reshapedGrids) {

    public record Changed(String code, List<String> fields) {}

    /** {@code under}: the feature of the file whose area held it. */
    public record Removed(String code, String under) {}

    public record CoverageChange(String areaCode, Coverage before, Coverage after) {}

    /**
     * A parent's cover by its comprehensive children; {@code complete} when gaps and overlaps are
     * each under 1 m².
     */
    public record Coverage(int children, double gapM2, double overlapM2, boolean complete) {}
}
