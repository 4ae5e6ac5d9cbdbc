package cn.gridgov.grid.demo;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.NewArea;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic demo town on the coast of 赣榆: one district cut into 8 × 6 square-ish cells (about
 * 900 m each). The four quadrants are four towns, each town holds two communities of 2 × 3 cells,
 * and every cell is one comprehensive grid, numbered G01…G48 row by row from the south-west. The
 * same input always gives the same town, so demos and tests can name grids.
 */
public final class DemoTown {

    public static final String DISTRICT = "D01";

    /**
     * The district next door, east of the demo town: an outline with nothing inside, there so that
     * a command-center post can serve another district than the demo town's.
     */
    public static final String NEIGHBOUR_DISTRICT = "D02";

    static final double ORIGIN_LON = 119.10;
    static final double ORIGIN_LAT = 35.00;
    static final double CELL_LON = 0.010;
    static final double CELL_LAT = 0.008;
    static final int COLUMNS = 8;
    static final int ROWS = 6;

    private static final String[] TOWNS = {"柘汪镇", "海头镇", "石桥镇", "金山镇"};
    private static final String[][] COMMUNITIES = {
        {"柘汪村", "西棘荡村"}, {"海头村", "海前村"}, {"石桥村", "宋口村"}, {"金山村", "朱尧村"}
    };

    private DemoTown() {}

    /**
     * The demo town's plan for the shared generator: 8 × 6 cells, towns of 4 × 3, communities of 2
     * × 3.
     */
    public static final TownGenerator.Plan PLAN =
            new TownGenerator.Plan(
                    DISTRICT,
                    "赣榆示范区",
                    ORIGIN_LON,
                    ORIGIN_LAT,
                    CELL_LON,
                    CELL_LAT,
                    COLUMNS,
                    ROWS,
                    4,
                    3,
                    2,
                    3,
                    0,
                    0,
                    "",
                    2,
                    List.of(TOWNS),
                    Arrays.stream(COMMUNITIES).map(List::of).toList());

    /**
     * The 12,000-grid city for benchmarks: 120 × 100 cells of about 450 m, 16 streets, 240
     * communities, 480 big grids.
     */
    public static final TownGenerator.Plan BENCH_CITY =
            new TownGenerator.Plan(
                    "BC", "基准市", 117.0, 34.0, 0.005, 0.004, 120, 100, 30, 25, 10, 5, 5, 5, "BC-", 5,
                    List.of(), List.of());

    /** Areas parents first, so they can be created in order. */
    public static List<NewArea> areas() {
        return TownGenerator.areas(PLAN);
    }

    /**
     * The six dedicated grids (专属网格) overlaid on the comprehensive ones: the port straddles G01 and
     * G02, the industrial park four grids; the scenic area is a MultiPolygon of two beaches, one
     * with a lagoon cut out as a hole. Each lies inside its town.
     */
    public static List<NewArea> dedicatedGrids() {
        return List.of(
                dedicated("DG-PORT", "柘汪港区", "D01-S1", rect(119.104, 35.000, 119.116, 35.005)),
                dedicated("DG-PARK", "临港产业园", "D01-S1", rect(119.122, 35.002, 119.138, 35.014)),
                dedicated("DG-SCHOOL", "海头中学", "D01-S2", rect(119.152, 35.009, 119.157, 35.013)),
                dedicated("DG-MARKET", "海头农贸市场", "D01-S2", rect(119.172, 35.002, 119.178, 35.006)),
                dedicated(
                        "DG-HOSPITAL", "石桥镇卫生院", "D01-S3", rect(119.123, 35.026, 119.127, 35.030)),
                new NewArea(
                        "DG-SCENIC",
                        "金山海滨景区",
                        AreaLevel.GRID,
                        AreaKind.DEDICATED,
                        "D01-S4",
                        "{\"type\":\"MultiPolygon\",\"coordinates\":["
                                + "["
                                + ring(119.151, 35.033, 119.159, 35.039)
                                + ","
                                + ring(119.154, 35.035, 119.156, 35.037)
                                + "],"
                                + "["
                                + ring(119.171, 35.033, 119.179, 35.039)
                                + "]]}"));
    }

    /** The neighbouring district: east of the demo town, as tall, a quarter as wide. */
    public static NewArea neighbourDistrict() {
        double west = ORIGIN_LON + COLUMNS * CELL_LON;
        return new NewArea(
                NEIGHBOUR_DISTRICT,
                "邻区",
                AreaLevel.DISTRICT,
                AreaKind.COMPREHENSIVE,
                null,
                rect(west, ORIGIN_LAT, west + 2 * CELL_LON, ORIGIN_LAT + ROWS * CELL_LAT));
    }

    /** The comprehensive grids of the demo town, in number order. */
    public static List<String> gridCodes() {
        var codes = new ArrayList<String>();
        for (int row = 0; row < ROWS; row++) {
            for (int col = 0; col < COLUMNS; col++) {
                codes.add(gridCode(col, row));
            }
        }
        return codes;
    }

    /** The community a demo grid belongs to. */
    public static String communityOf(String gridCode) {
        int number = Integer.parseInt(gridCode.substring(1)) - 1;
        int col = number % COLUMNS;
        int row = number / COLUMNS;
        int town = (row / 3) * 2 + col / 4;
        int community = (col % 4) / 2;
        return DISTRICT + "-S" + (town + 1) + "-C" + (community + 1);
    }

    private static NewArea dedicated(String code, String name, String parent, String polygon) {
        return new NewArea(code, name, AreaLevel.GRID, AreaKind.DEDICATED, parent, polygon);
    }

    private static String rect(double w, double s, double e, double n) {
        return "{\"type\":\"Polygon\",\"coordinates\":[" + ring(w, s, e, n) + "]}";
    }

    private static String ring(double w, double s, double e, double n) {
        return String.format(
                Locale.ROOT,
                "[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]",
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

    /** The centre of a grid, handy for examples: {@code centreOf("G07")} is inside G07. */
    public static double[] centreOf(String gridCode) {
        int number = Integer.parseInt(gridCode.substring(1)) - 1;
        int col = number % COLUMNS;
        int row = number / COLUMNS;
        return new double[] {
            ORIGIN_LON + (col + 0.5) * CELL_LON, ORIGIN_LAT + (row + 0.5) * CELL_LAT
        };
    }

    static String gridCode(int col, int row) {
        return TownGenerator.gridCode(PLAN, col, row);
    }
}
