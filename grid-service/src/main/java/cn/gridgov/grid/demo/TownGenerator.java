package cn.gridgov.grid.demo;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.NewArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a rectangle of cells into a deterministic hierarchy: district → streets → communities → (big
 * grids →) grids, one comprehensive grid per cell, numbered row by row from the south-west. The
 * demo town and the 12,000-grid benchmark city are two plans for this one generator.
 */
public final class TownGenerator {

    /**
     * A plan: the district's code and name, the south-west corner and cell size in degrees, how
     * many cells across and up, and how many cells each street, community and big grid spans (big
     * grids are optional: 0 leaves the level out). Names not listed are made up from numbers.
     */
    public record Plan(
            String district,
            String districtName,
            double originLon,
            double originLat,
            double cellLon,
            double cellLat,
            int columns,
            int rows,
            int streetColumns,
            int streetRows,
            int communityColumns,
            int communityRows,
            int bigGridColumns,
            int bigGridRows,
            String gridPrefix,
            int gridDigits,
            List<String> streetNames,
            List<List<String>> communityNames) {

        public int gridCount() {
            return columns * rows;
        }
    }

    private TownGenerator() {}

    /** Every area of the plan, parents before children. */
    public static List<NewArea> areas(Plan plan) {
        var areas = new ArrayList<NewArea>();
        areas.add(
                area(
                        plan.district(),
                        plan.districtName(),
                        AreaLevel.DISTRICT,
                        null,
                        plan,
                        0,
                        0,
                        plan.columns(),
                        plan.rows()));
        int streetsAcross = plan.columns() / plan.streetColumns();
        int streetsUp = plan.rows() / plan.streetRows();
        for (int street = 0; street < streetsAcross * streetsUp; street++) {
            int col0 = (street % streetsAcross) * plan.streetColumns();
            int row0 = (street / streetsAcross) * plan.streetRows();
            var streetCode = plan.district() + "-S" + (street + 1);
            var streetName =
                    street < plan.streetNames().size()
                            ? plan.streetNames().get(street)
                            : "第" + (street + 1) + "街道";
            areas.add(
                    area(
                            streetCode,
                            streetName,
                            AreaLevel.STREET,
                            plan.district(),
                            plan,
                            col0,
                            row0,
                            plan.streetColumns(),
                            plan.streetRows()));
            int communitiesAcross = plan.streetColumns() / plan.communityColumns();
            int communitiesUp = plan.streetRows() / plan.communityRows();
            for (int community = 0; community < communitiesAcross * communitiesUp; community++) {
                int cCol0 = col0 + (community % communitiesAcross) * plan.communityColumns();
                int cRow0 = row0 + (community / communitiesAcross) * plan.communityRows();
                var communityCode = streetCode + "-C" + (community + 1);
                var names =
                        street < plan.communityNames().size()
                                ? plan.communityNames().get(street)
                                : List.<String>of();
                var communityName =
                        community < names.size()
                                ? names.get(community)
                                : streetName + "第" + (community + 1) + "社区";
                areas.add(
                        area(
                                communityCode,
                                communityName,
                                AreaLevel.COMMUNITY,
                                streetCode,
                                plan,
                                cCol0,
                                cRow0,
                                plan.communityColumns(),
                                plan.communityRows()));
                if (plan.bigGridColumns() > 0) {
                    addBigGrids(areas, plan, communityCode, streetName, cCol0, cRow0);
                } else {
                    addGrids(
                            areas,
                            plan,
                            communityCode,
                            streetName,
                            cCol0,
                            cRow0,
                            plan.communityColumns(),
                            plan.communityRows());
                }
            }
        }
        return areas;
    }

    private static void addBigGrids(
            List<NewArea> areas,
            Plan plan,
            String communityCode,
            String streetName,
            int col0,
            int row0) {
        int across = plan.communityColumns() / plan.bigGridColumns();
        int up = plan.communityRows() / plan.bigGridRows();
        for (int big = 0; big < across * up; big++) {
            int bCol0 = col0 + (big % across) * plan.bigGridColumns();
            int bRow0 = row0 + (big / across) * plan.bigGridRows();
            var bigCode = communityCode + "-B" + (big + 1);
            areas.add(
                    area(
                            bigCode,
                            streetName + "大网格" + bigCode.substring(plan.district().length() + 1),
                            AreaLevel.BIG_GRID,
                            communityCode,
                            plan,
                            bCol0,
                            bRow0,
                            plan.bigGridColumns(),
                            plan.bigGridRows()));
            addGrids(
                    areas,
                    plan,
                    bigCode,
                    streetName,
                    bCol0,
                    bRow0,
                    plan.bigGridColumns(),
                    plan.bigGridRows());
        }
    }

    private static void addGrids(
            List<NewArea> areas,
            Plan plan,
            String parent,
            String streetName,
            int col0,
            int row0,
            int width,
            int height) {
        for (int row = row0; row < row0 + height; row++) {
            for (int col = col0; col < col0 + width; col++) {
                var code = gridCode(plan, col, row);
                areas.add(
                        area(
                                code,
                                streetName
                                        + "第"
                                        + code.substring(plan.gridPrefix().length() + 1)
                                        + "网格",
                                AreaLevel.GRID,
                                parent,
                                plan,
                                col,
                                row,
                                1,
                                1));
            }
        }
    }

    public static String gridCode(Plan plan, int col, int row) {
        return plan.gridPrefix()
                + "G"
                + String.format(
                        Locale.ROOT,
                        "%0" + plan.gridDigits() + "d",
                        row * plan.columns() + col + 1);
    }

    /** The centre of cell (col, row): a point inside exactly one comprehensive grid. */
    public static double[] centreOf(Plan plan, int col, int row) {
        return new double[] {
            plan.originLon() + (col + 0.5) * plan.cellLon(),
            plan.originLat() + (row + 0.5) * plan.cellLat()
        };
    }

    private static NewArea area(
            String code,
            String name,
            AreaLevel level,
            String parent,
            Plan plan,
            int col,
            int row,
            int width,
            int height) {
        return new NewArea(
                code,
                name,
                level,
                AreaKind.COMPREHENSIVE,
                parent,
                box(plan, col, row, width, height));
    }

    private static String box(Plan plan, int col, int row, int width, int height) {
        double w = plan.originLon() + col * plan.cellLon();
        double s = plan.originLat() + row * plan.cellLat();
        double e = plan.originLon() + (col + width) * plan.cellLon();
        double n = plan.originLat() + (row + height) * plan.cellLat();
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
                w,
                s,
                e,
                s,
                e,
                n,
                w,
                n,
                w,
                s);
    }
}
