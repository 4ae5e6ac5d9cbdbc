package cn.gridgov.grid.demo;

import cn.gridgov.grid.department.DepartmentLevel;
import cn.gridgov.grid.department.NewDepartment;
import cn.gridgov.grid.department.ZoneView;
import cn.gridgov.grid.staff.NewStaff;
import cn.gridgov.grid.staff.Post;
import cn.gridgov.grid.staff.RoleCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The people and departments of the demo town, generated deterministically so demos and the other
 * services' tests can name them: six enforcement zones (片区) of 4 × 2 grids, fourteen departments
 * with their responsibility lists, and about 200 staff holding every grid post in every grid.
 *
 * <p>Staff ids say where a person works: {@code G07-1} is the chief of G07 (also its party
 * specialist), {@code G07-2} its grid worker (also its informant), {@code G07-3} its patroller
 * (also its liaison); {@code D01-S1-C1-INS} inspects the six grids of a community; {@code
 * DG-PORT-1}/{@code -2} staff a dedicated grid; {@code ZHZF-1} works for a department; {@code
 * CC-DISPATCHER-1} and friends sit in the command center, the dispatchers and duty chiefs serving
 * the demo district (their posts are held in D01); {@code D02-DISPATCHER-1} dispatches for the
 * neighbouring district D02.
 */
public final class DemoOrganisation {

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
        "罗", "高"
    };
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
        "霞", "平", "刚", "桂英", "建国"
    };

    /** A person to create and where their phone last said they were. */
    public record DemoStaff(NewStaff person, double longitude, double latitude) {}

    private DemoOrganisation() {}

    public static List<ZoneView> zones() {
        var names = new String[] {"柘汪片区", "海头片区", "石桥南片区", "海头北片区", "石桥片区", "金山片区"};
        var zones = new ArrayList<ZoneView>();
        for (int zone = 0; zone < 6; zone++) {
            int row0 = (zone / 2) * 2;
            int col0 = (zone % 2) * 4;
            var grids = new ArrayList<String>();
            for (int row = row0; row < row0 + 2; row++) {
                for (int col = col0; col < col0 + 4; col++) {
                    grids.add(DemoTown.gridCode(col, row));
                }
            }
            zones.add(new ZoneView("PQ-" + (zone + 1), names[zone], grids));
        }
        return zones;
    }

    public static List<NewDepartment> departments() {
        var allZones = zones().stream().map(ZoneView::code).toList();
        var district = List.of(DemoTown.DISTRICT);
        var departments =
                new ArrayList<NewDepartment>(
                        List.of(
                                district("CC", "区指挥中心", List.of(), List.of()),
                                district(
                                        "ZHZF",
                                        "区综合执法局",
                                        List.of("0101", "0103", "0104"),
                                        allZones),
                                district("ZJJ", "区住建局", List.of("0102", "0105"), List.of()),
                                district("SCJG", "区市场监管局", List.of("05"), List.of()),
                                district("STHJ", "区生态环境局", List.of("06"), List.of()),
                                district("YJJ", "区应急管理局", List.of("04"), List.of()),
                                district("SWJ", "区水务局", List.of("0106"), List.of()),
                                new NewDepartment(
                                        "GKJ",
                                        "港口管理局",
                                        DepartmentLevel.DISTRICT,
                                        List.of("0401", "0402", "0601"),
                                        List.of("DG-PORT"),
                                        List.of())));
        String[] towns = {"柘汪镇政府", "海头镇政府", "石桥镇政府", "金山镇政府"};
        for (int town = 1; town <= 4; town++) {
            // Natural-person matters of the town: disputes, welfare, street vending, unlicensed
            // individuals.
            departments.add(
                    new NewDepartment(
                            "JD-S" + town,
                            towns[town - 1],
                            DepartmentLevel.STREET,
                            List.of("02", "0104", "0501"),
                            List.of(DemoTown.DISTRICT + "-S" + town),
                            List.of()));
        }
        departments.add(
                new NewDepartment(
                        "PCS",
                        "派出所",
                        DepartmentLevel.STREET,
                        List.of("03", "0201"),
                        district,
                        List.of()));
        departments.add(
                new NewDepartment(
                        "GTS",
                        "国土所",
                        DepartmentLevel.STREET,
                        List.of("0103"),
                        district,
                        List.of()));
        return departments;
    }

    private static NewDepartment district(
            String code, String name, List<String> responsibilities, List<String> zones) {
        return new NewDepartment(
                code,
                name,
                DepartmentLevel.DISTRICT,
                responsibilities,
                List.of(DemoTown.DISTRICT),
                zones);
    }

    public static List<DemoStaff> staff() {
        var staff = new ArrayList<DemoStaff>();
        for (var grid : DemoTown.gridCodes()) {
            var centre = DemoTown.centreOf(grid);
            int number = Integer.parseInt(grid.substring(1));
            staff.add(
                    person(
                            staff.size(),
                            grid + "-1",
                            null,
                            true,
                            centre,
                            new Post("GRID_CHIEF", grid),
                            new Post("PARTY_SPECIALIST", grid)));
            staff.add(
                    person(
                            staff.size(),
                            grid + "-2",
                            null,
                            true,
                            centre,
                            new Post("GRID_WORKER", grid),
                            new Post("INFORMANT", grid)));
            // Every fourth grid's patroller is off duty, so "who is on duty" has something to leave
            // out.
            staff.add(
                    person(
                            staff.size(),
                            grid + "-3",
                            null,
                            number % 4 != 0,
                            centre,
                            new Post("PATROLLER", grid),
                            new Post("LIAISON", grid)));
        }
        for (var community : communities()) {
            var grids =
                    DemoTown.gridCodes().stream()
                            .filter(g -> DemoTown.communityOf(g).equals(community))
                            .toList();
            staff.add(
                    person(
                            staff.size(),
                            community + "-INS",
                            null,
                            true,
                            DemoTown.centreOf(grids.get(0)),
                            grids.stream()
                                    .map(g -> new Post("INSPECTOR", g))
                                    .toArray(Post[]::new)));
        }
        for (var dedicated : DemoTown.dedicatedGrids()) {
            var code = dedicated.code();
            var at = anchorOf(dedicated.geoJson());
            staff.add(
                    person(
                            staff.size(),
                            code + "-1",
                            null,
                            true,
                            at,
                            new Post("GRID_CHIEF", code),
                            new Post("PARTY_SPECIALIST", code),
                            new Post("INSPECTOR", code),
                            new Post("LIAISON", code)));
            staff.add(
                    person(
                            staff.size(),
                            code + "-2",
                            null,
                            true,
                            at,
                            new Post("GRID_WORKER", code),
                            new Post("INFORMANT", code),
                            new Post("PATROLLER", code)));
        }
        // Department offices sit in the middle of the district.
        var offices =
                new double[] {
                    DemoTown.ORIGIN_LON + 4 * DemoTown.CELL_LON,
                    DemoTown.ORIGIN_LAT + 3 * DemoTown.CELL_LAT
                };
        for (var department : departments()) {
            if (department.code().equals("CC")) {
                continue;
            }
            for (int i = 1; i <= 2; i++) {
                staff.add(
                        person(
                                staff.size(),
                                department.code() + "-" + i,
                                department.code(),
                                true,
                                offices,
                                new Post("DEPARTMENT_STAFF", null)));
            }
        }
        for (var role :
                List.of(
                        "DISPATCHER",
                        "DISPATCHER",
                        "DUTY_CHIEF",
                        "DUTY_CHIEF",
                        "SUPERVISOR",
                        "SUPERVISOR",
                        "LEADER",
                        "ADMIN")) {
            long same =
                    staff.stream()
                            .filter(s -> s.person().id().startsWith("CC-" + role + "-"))
                            .count();
            staff.add(
                    person(
                            staff.size(),
                            "CC-" + role + "-" + (same + 1),
                            "CC",
                            true,
                            offices,
                            new Post(
                                    role,
                                    RoleCatalogue.DISTRICT_POSTS.contains(role)
                                            ? DemoTown.DISTRICT
                                            : null)));
        }
        staff.add(neighbourDispatcher(staff.size()));
        return staff;
    }

    /** The staff of the neighbouring district (its dispatcher). */
    public static List<DemoStaff> neighbourStaff() {
        return staff().stream()
                .filter(
                        s ->
                                s.person().posts().stream()
                                        .anyMatch(
                                                p ->
                                                        DemoTown.NEIGHBOUR_DISTRICT.equals(
                                                                p.areaCode())))
                .toList();
    }

    private static DemoStaff neighbourDispatcher(int index) {
        var office =
                new double[] {
                    DemoTown.ORIGIN_LON + (DemoTown.COLUMNS + 1) * DemoTown.CELL_LON,
                    DemoTown.ORIGIN_LAT + 3 * DemoTown.CELL_LAT
                };
        return person(
                index,
                DemoTown.NEIGHBOUR_DISTRICT + "-DISPATCHER-1",
                null,
                true,
                office,
                new Post("DISPATCHER", DemoTown.NEIGHBOUR_DISTRICT));
    }

    private static List<String> communities() {
        return DemoTown.gridCodes().stream()
                .map(DemoTown::communityOf)
                .distinct()
                .sorted()
                .toList();
    }

    private static DemoStaff person(
            int index, String id, String department, boolean onDuty, double[] near, Post... posts) {
        var name =
                SURNAMES[index % SURNAMES.length]
                        + GIVEN[(index / SURNAMES.length + index) % GIVEN.length];
        var phone = String.format(Locale.ROOT, "1380518%04d", index);
        // Spread people around their post so "nearest" has an order; the offsets stay inside the
        // grid.
        double lon = near[0] + ((index * 37) % 7 - 3) * 0.0004;
        double lat = near[1] + ((index * 53) % 7 - 3) * 0.0003;
        return new DemoStaff(
                new NewStaff(id, name, phone, department, onDuty, List.of(posts)), lon, lat);
    }

    /**
     * The first corner of a generated polygon nudged inwards: a point surely inside a demo
     * dedicated grid.
     */
    private static double[] anchorOf(String geoJson) {
        var start = geoJson.indexOf("[[", geoJson.indexOf("coordinates"));
        var numbers = geoJson.substring(start).replaceAll("[^0-9.,]", " ").trim().split("[ ,]+");
        return new double[] {
            Double.parseDouble(numbers[0]) + 0.001, Double.parseDouble(numbers[1]) + 0.001
        };
    }
}
