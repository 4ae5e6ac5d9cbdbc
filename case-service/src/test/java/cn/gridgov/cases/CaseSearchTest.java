package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.kit.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The case search against the real database: each filter, each sort order, keyset paging while
 * cases arrive, the count, CSV, what each role sees, and the 400s. Every test writes its own cases
 * straight into the table (a search only reads), all with one reporter id of its own, so the cases
 * other tests left in the database never enter its answers, and removes them afterwards.
 */
@QuarkusTest
class CaseSearchTest {

    private static final String DISPATCHER = "CC-DISPATCHER-1";

    @Inject AgroalDataSource dataSource;

    private String run;
    private int year;
    private int sequence;
    private final List<UUID> written = new ArrayList<>();
    private final Map<String, UUID> byName = new LinkedHashMap<>();
    private final Map<String, String> numbers = new LinkedHashMap<>();

    @BeforeEach
    void newRun() {
        run = "search-" + UUID.randomUUID();
        // Numbers of a year long past, so that they never meet the real ones.
        year = 1000 + ThreadLocalRandom.current().nextInt(900);
        sequence = 0;
    }

    @AfterEach
    void removeCases() throws SQLException {
        try (var connection = dataSource.getConnection();
                var delete = connection.prepareStatement("delete from cases where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", written.toArray()));
            delete.executeUpdate();
        }
    }

    /** A case as it would stand after some of the loop, written straight into the table. */
    private final class Fixture {
        String status = "HANDLING";
        String step = "HANDLE";
        Instant warnAt = Instant.now().plus(Duration.ofHours(5));
        Instant dueAt = Instant.now().plus(Duration.ofHours(6));
        String category = "0104";
        String description = "路边摊占道经营";
        String address = "柘汪镇海州路 12 号";
        String grid = "G07";
        String dedicated = "";
        String department;
        String coHandlers = "";
        String source = "GRID_WORKER";
        Instant reportedAt = Instant.now().minus(Duration.ofHours(1));
        double longitude = 119.165;
        double latitude = 35.004;
        String number;
    }

    private String write(String name, java.util.function.Consumer<Fixture> how) {
        var f = new Fixture();
        how.accept(f);
        var id = UUID.randomUUID();
        var number = f.number != null ? f.number : String.format("%d-%06d", year, ++sequence);
        try (var connection = dataSource.getConnection();
                var insert =
                        connection.prepareStatement(
                                """
                insert into cases (id, number, report_id, report_fingerprint, source, reporter_id, category, description,
                                   longitude, latitude, address, grid_code, dedicated_grid_codes, status, urgency, step,
                                   step_started_at, step_warn_at, step_due_at, routed_department, co_handling_departments,
                                   handler_kind, reported_at, updated_at, closed_at, is_open)
                values (?, ?, ?, 'fixture', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, number);
            insert.setObject(3, UUID.randomUUID());
            insert.setString(4, f.source);
            insert.setString(5, run);
            insert.setString(6, f.category);
            insert.setString(7, f.description);
            insert.setDouble(8, f.longitude);
            insert.setDouble(9, f.latitude);
            insert.setString(10, f.address);
            insert.setString(11, f.grid);
            insert.setString(12, f.dedicated);
            insert.setString(13, f.status);
            insert.setString(14, f.step);
            insert.setTimestamp(15, f.step == null ? null : Timestamp.from(f.reportedAt));
            insert.setTimestamp(16, f.warnAt == null ? null : Timestamp.from(f.warnAt));
            insert.setTimestamp(17, f.dueAt == null ? null : Timestamp.from(f.dueAt));
            insert.setString(18, f.department);
            insert.setString(19, f.coHandlers);
            insert.setString(20, f.department == null ? null : "DEPARTMENT");
            insert.setTimestamp(21, Timestamp.from(f.reportedAt));
            insert.setTimestamp(22, Timestamp.from(f.reportedAt));
            insert.setTimestamp(
                    23,
                    "CLOSED".equals(f.status) || "EVALUATED".equals(f.status)
                            ? Timestamp.from(Instant.now())
                            : null);
            insert.setBoolean(24, CaseStatus.valueOf(f.status).isOpen());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        written.add(id);
        byName.put(name, id);
        numbers.put(name, number);
        return number;
    }

    /** The town of the filter test: one case per trait, named by it. */
    private void town() {
        var now = Instant.now();
        write(
                "green",
                f -> {
                    f.department = "ZHZF";
                    f.coHandlers = "ZJJ";
                });
        write(
                "yellow",
                f -> {
                    f.warnAt = now.minus(Duration.ofMinutes(10));
                    f.category = "0101";
                    f.description = "窨井盖缺失，行人易跌落";
                    f.department = "ZJJ";
                });
        write(
                "red",
                f -> {
                    f.warnAt = now.minus(Duration.ofHours(2));
                    f.dueAt = now.minus(Duration.ofHours(1));
                    f.category = "0201";
                    f.description = "夜间施工噪音扰民";
                    f.address = "青口镇人民路";
                    f.grid = "G20";
                    f.longitude = 119.135;
                    f.latitude = 35.020;
                    f.source = "HOTLINE";
                });
        write(
                "parked",
                f -> {
                    f.status = "PARKED";
                    f.step = "REVIEW";
                    f.warnAt = now.plus(Duration.ofDays(20));
                    f.dueAt = now.plus(Duration.ofDays(30));
                    f.grid = "G01";
                    f.dedicated = "DG-PORT";
                    f.longitude = 119.105;
                    f.latitude = 35.002;
                    f.department = "GKJ";
                });
        write(
                "verified",
                f -> {
                    f.status = "VERIFIED";
                    f.step = "ACCEPT";
                    f.category = "0104";
                    f.description = "Broken street lamp, 路灯不亮";
                    f.address = null;
                    f.reportedAt = now.minus(Duration.ofDays(3));
                    f.source = "CITIZEN";
                });
        write(
                "evaluated",
                f -> {
                    f.status = "EVALUATED";
                    f.step = null;
                    f.warnAt = null;
                    f.dueAt = null;
                    f.category = "0301";
                    f.description = "违章搭建";
                    f.grid = "G08";
                    f.longitude = 119.175;
                    f.reportedAt = now.minus(Duration.ofDays(10));
                    f.department = "ZHZF";
                });
    }

    private Set<String> found(String staffId, String filters) {
        var page =
                as(staffId)
                        .when()
                        .get(
                                "/api/v1/cases?reporter="
                                        + run
                                        + "&limit=500"
                                        + (filters.isEmpty() ? "" : "&" + filters))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        return names(page.getList("items.number", String.class));
    }

    private Set<String> names(List<String> found) {
        var names = new HashSet<String>();
        numbers.forEach(
                (name, number) -> {
                    if (found.contains(number)) {
                        names.add(name);
                    }
                });
        return names;
    }

    @Test
    @DisplayName(
            "each filter finds exactly the cases it names, and filters together find what all of them name")
    void eachFilter() {
        town();
        var day = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(found(DISPATCHER, ""))
                .containsExactlyInAnyOrder(
                        "green", "yellow", "red", "parked", "verified", "evaluated");
        assertThat(found(DISPATCHER, "status=HANDLING&status=PARKED"))
                .containsExactlyInAnyOrder("green", "yellow", "red", "parked");
        assertThat(found(DISPATCHER, "status=VERIFIED,EVALUATED"))
                .containsExactlyInAnyOrder("verified", "evaluated");
        assertThat(found(DISPATCHER, "step=ACCEPT")).containsExactly("verified");
        assertThat(found(DISPATCHER, "clock=green"))
                .containsExactlyInAnyOrder("green", "verified", "parked");
        assertThat(found(DISPATCHER, "clock=yellow")).containsExactly("yellow");
        assertThat(found(DISPATCHER, "clock=red")).containsExactly("red");
        assertThat(found(DISPATCHER, "clock=none")).containsExactly("evaluated");
        assertThat(found(DISPATCHER, "step=REVIEW")).containsExactly("parked");
        assertThat(found(DISPATCHER, "clock=yellow,red"))
                .containsExactlyInAnyOrder("yellow", "red");
        // A grid, its community, its town, the district; a dedicated grid; a dedicated grid's town.
        assertThat(found(DISPATCHER, "grid=G07"))
                .containsExactlyInAnyOrder("green", "yellow", "verified");
        assertThat(found(DISPATCHER, "grid=D01-S2-C2"))
                .containsExactlyInAnyOrder("green", "yellow", "verified", "evaluated");
        assertThat(found(DISPATCHER, "grid=D01-S2"))
                .containsExactlyInAnyOrder("green", "yellow", "verified", "evaluated");
        assertThat(found(DISPATCHER, "grid=D01"))
                .containsExactlyInAnyOrder(
                        "green", "yellow", "red", "parked", "verified", "evaluated");
        assertThat(found(DISPATCHER, "grid=DG-PORT")).containsExactly("parked");
        assertThat(found(DISPATCHER, "grid=D01-S1-C1")).containsExactly("parked");
        assertThat(found(DISPATCHER, "grid=G20&grid=G08"))
                .containsExactlyInAnyOrder("red", "evaluated");
        // Leading or co-handling.
        assertThat(found(DISPATCHER, "department=ZHZF"))
                .containsExactlyInAnyOrder("green", "evaluated");
        assertThat(found(DISPATCHER, "department=ZJJ"))
                .containsExactlyInAnyOrder("green", "yellow");
        assertThat(found(DISPATCHER, "category=0104"))
                .containsExactlyInAnyOrder("green", "verified", "parked");
        assertThat(found(DISPATCHER, "categoryPrefix=01"))
                .containsExactlyInAnyOrder("green", "yellow", "verified", "parked");
        assertThat(found(DISPATCHER, "categoryPrefix=02&category=0301"))
                .containsExactlyInAnyOrder("red", "evaluated");
        assertThat(found(DISPATCHER, "source=HOTLINE,CITIZEN"))
                .containsExactlyInAnyOrder("red", "verified");
        assertThat(
                        found(
                                DISPATCHER,
                                "from="
                                        + day.minus(Duration.ofDays(5))
                                        + "&to="
                                        + day.minus(Duration.ofDays(2))))
                .containsExactly("verified");
        assertThat(found(DISPATCHER, "from=" + day.minus(Duration.ofDays(2))))
                .containsExactlyInAnyOrder("green", "yellow", "red", "parked");
        // Text: two Chinese characters, in the description or in the address; Latin text ignores
        // case.
        assertThat(found(DISPATCHER, "q=井盖")).containsExactly("yellow");
        assertThat(found(DISPATCHER, "q=噪音")).containsExactly("red");
        assertThat(found(DISPATCHER, "q=人民路")).containsExactly("red");
        assertThat(found(DISPATCHER, "q=海州路"))
                .containsExactlyInAnyOrder("green", "yellow", "parked", "evaluated");
        assertThat(found(DISPATCHER, "q=street LAMP")).containsExactly("verified");
        assertThat(found(DISPATCHER, "q=盖井")).isEmpty();
        // Within 300 m of G07's centre: the cases there, not G08's (about 900 m east) nor G20's.
        assertThat(found(DISPATCHER, "lon=119.165&lat=35.004&radius=300"))
                .containsExactlyInAnyOrder("green", "yellow", "verified");
        assertThat(found(DISPATCHER, "lon=119.165&lat=35.004&radius=1000"))
                .containsExactlyInAnyOrder("green", "yellow", "verified", "evaluated");
        assertThat(found(DISPATCHER, "open=true"))
                .containsExactlyInAnyOrder("green", "yellow", "red", "parked", "verified");
        assertThat(found(DISPATCHER, "open=false")).containsExactly("evaluated");
        // Together.
        assertThat(
                        found(
                                DISPATCHER,
                                "open=true&grid=D01-S2&categoryPrefix=01&clock=green,yellow&q=占道"))
                .containsExactly("green");
        // The reporter: every search above named this test's; another finds none of its cases.
        as(DISPATCHER)
                .when()
                .get("/api/v1/cases?reporter=someone-else-" + run)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    @DisplayName("the clock colour, the case's departments and grids come back with each case")
    void rowsCarryWhatTheListShows() {
        town();
        var page =
                as(DISPATCHER)
                        .when()
                        .get("/api/v1/cases?reporter=" + run + "&q=占道&grid=G07")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getString("items[0].clock")).isEqualTo("GREEN");
        assertThat(page.getString("items[0].departmentCode")).isEqualTo("ZHZF");
        assertThat(page.getList("items[0].coHandlingDepartments")).containsExactly("ZJJ");
        assertThat(page.getString("items[0].gridCode")).isEqualTo("G07");
        assertThat(page.getBoolean("items[0].open")).isTrue();
        assertThat(page.getString("nextCursor")).isNull();
    }

    @Test
    @DisplayName(
            "pages sort by reported time, due time or number, either way, and number order survives the millionth case")
    void sorting() {
        var now = Instant.now();
        write(
                "a",
                f -> {
                    f.reportedAt = now.minus(Duration.ofHours(3));
                    f.dueAt = now.plus(Duration.ofHours(1));
                    f.number = year + "-999999";
                });
        write(
                "b",
                f -> {
                    f.reportedAt = now.minus(Duration.ofHours(1));
                    f.dueAt = now.plus(Duration.ofHours(9));
                    f.number = year + "-1000000";
                });
        write(
                "c",
                f -> {
                    f.reportedAt = now.minus(Duration.ofHours(2));
                    f.status = "REJECTED";
                    f.step = null;
                    f.warnAt = null;
                    f.dueAt = null;
                    f.number = year + "-000002";
                });
        assertThat(order("")).containsExactly("b", "c", "a");
        assertThat(order("&sort=reportedAt&direction=asc")).containsExactly("a", "c", "b");
        // No clock sorts after every due time.
        assertThat(order("&sort=dueAt&direction=asc")).containsExactly("a", "b", "c");
        assertThat(order("&sort=dueAt&direction=desc")).containsExactly("c", "b", "a");
        assertThat(order("&sort=number&direction=asc")).containsExactly("c", "a", "b");
        assertThat(order("&sort=number")).containsExactly("b", "a", "c");
        // The same orders a page at a time.
        for (var sort : List.of("reportedAt", "dueAt", "number")) {
            for (var direction : List.of("asc", "desc")) {
                assertThat(paged("&sort=" + sort + "&direction=" + direction, 1))
                        .as(sort + " " + direction)
                        .isEqualTo(order("&sort=" + sort + "&direction=" + direction));
            }
        }
    }

    private List<String> order(String params) {
        var found =
                as(DISPATCHER)
                        .when()
                        .get("/api/v1/cases?reporter=" + run + params)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.number", String.class);
        return found.stream().map(this::nameOf).toList();
    }

    private String nameOf(String number) {
        return numbers.entrySet().stream()
                .filter(e -> e.getValue().equals(number))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(number);
    }

    private List<String> paged(String params, int limit) {
        var names = new ArrayList<String>();
        String cursor = null;
        do {
            var page =
                    as(DISPATCHER)
                            .when()
                            .get(
                                    "/api/v1/cases?reporter="
                                            + run
                                            + params
                                            + "&limit="
                                            + limit
                                            + (cursor == null ? "" : "&cursor=" + cursor))
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            page.getList("items.number", String.class).forEach(n -> names.add(nameOf(n)));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return names;
    }

    @Test
    @DisplayName(
            "paging with a cursor neither skips nor repeats a case while new cases arrive between the pages")
    void pagingUnderInserts() {
        var now = Instant.now();
        for (int i = 0; i < 12; i++) {
            var at = now.minus(Duration.ofMinutes(10L * i));
            write("old-" + i, f -> f.reportedAt = at);
        }
        var before = Set.copyOf(byName.keySet());
        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page =
                    as(DISPATCHER)
                            .when()
                            .get(
                                    "/api/v1/cases?reporter="
                                            + run
                                            + "&limit=5"
                                            + (cursor == null ? "" : "&cursor=" + cursor))
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            page.getList("items.number", String.class).forEach(n -> seen.add(nameOf(n)));
            cursor = page.getString("nextCursor");
            // Meanwhile: a case newer than everything, and one between the cases already listed.
            int p = pages++;
            write("new-" + p, f -> f.reportedAt = Instant.now());
            write(
                    "between-" + p,
                    f -> f.reportedAt = now.minus(Duration.ofMinutes(5)).plusMillis(p));
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(before);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("count=true counts every match, not the page")
    void counting() {
        town();
        var page =
                as(DISPATCHER)
                        .when()
                        .get("/api/v1/cases?reporter=" + run + "&limit=2&count=true")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(page.getList("items")).hasSize(2);
        assertThat(page.getInt("total")).isEqualTo(6);
        assertThat(page.getBoolean("totalCapped")).isFalse();
        assertThat(page.getString("nextCursor")).isNotNull();
        var uncounted =
                as(DISPATCHER)
                        .when()
                        .get("/api/v1/cases?reporter=" + run)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(uncounted.getString("total")).isNull();
    }

    @Test
    @DisplayName(
            "the search as CSV: every match, UTF-8 with a byte-order mark, Chinese text intact, quotes and formulas made harmless")
    void csv() {
        town();
        write("quoted", f -> f.description = "=HYPERLINK(\"x\"), 井盖 \"松动\"");
        var bytes =
                as(DISPATCHER)
                        .accept("text/csv")
                        .when()
                        .get("/api/v1/cases?reporter=" + run + "&limit=1")
                        .then()
                        .statusCode(200)
                        .header("Content-Type", containsString("text/csv"))
                        .header("Content-Disposition", containsString("attachment"))
                        .extract()
                        .asByteArray();
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        var text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        var lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("number,status,step,clock,reportedAt,dueAt,category");
        // The limit is a page's; the CSV holds every match.
        assertThat(lines).hasSize(1 + 7);
        assertThat(text).contains("窨井盖缺失，行人易跌落").contains("夜间施工噪音扰民").contains("青口镇人民路");
        assertThat(text).contains("\"'=HYPERLINK(\"\"x\"\"), 井盖 \"\"松动\"\"\"");
        // format=csv does the same whatever the Accept header says.
        var byParameter =
                as(DISPATCHER)
                        .when()
                        .get("/api/v1/cases?reporter=" + run + "&format=csv&q=噪音")
                        .then()
                        .statusCode(200)
                        .header("Content-Type", containsString("text/csv"))
                        .extract()
                        .asByteArray();
        var rows = new String(byParameter, StandardCharsets.UTF_8).split("\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows[1]).startsWith(numbers.get("red") + ",HANDLING,HANDLE,RED,");
        // And a refusal is still JSON.
        given().auth()
                .oauth2(Tokens.service())
                .when()
                .get("/api/v1/cases?format=csv")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
    }

    @Test
    @DisplayName(
            "the command center sees every case, grid staff their grids' cases, department staff their department's, anyone else nothing")
    void scopePerRole() {
        town();
        var everything = Set.of("green", "yellow", "red", "parked", "verified", "evaluated");
        for (var staff :
                List.of(
                        DISPATCHER,
                        "CC-DUTY_CHIEF-1",
                        "CC-SUPERVISOR-1",
                        "CC-LEADER-1",
                        "CC-ADMIN-1")) {
            assertThat(found(staff, "")).as(staff).isEqualTo(everything);
        }
        // G07's grid worker and chief; G20's; the port's dedicated grid worker; a community's
        // inspector (G01 is in D01-S1-C1).
        assertThat(found("G07-2", "")).containsExactlyInAnyOrder("green", "yellow", "verified");
        assertThat(found("G07-1", "")).containsExactlyInAnyOrder("green", "yellow", "verified");
        assertThat(found("G20-2", "")).containsExactly("red");
        assertThat(found("DG-PORT-2", "")).containsExactly("parked");
        assertThat(found("D01-S1-C1-INS", "")).containsExactly("parked");
        // Departments: what they lead or co-handle.
        assertThat(found("ZHZF-1", "")).containsExactlyInAnyOrder("green", "evaluated");
        assertThat(found("ZJJ-1", "")).containsExactlyInAnyOrder("green", "yellow");
        assertThat(found("SCJG-1", "")).isEmpty();
        // A filter narrows within the scope, never past it.
        assertThat(found("G07-2", "grid=D01"))
                .containsExactlyInAnyOrder("green", "yellow", "verified");
        assertThat(found("ZHZF-1", "grid=G07")).containsExactly("green");
        // Another service's token holds no post.
        given().auth()
                .oauth2(Tokens.service())
                .when()
                .get("/api/v1/cases")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        given().when().get("/api/v1/cases").then().statusCode(401);
    }

    @Test
    @DisplayName("a filter the search cannot use is a 400 naming the parameter, never a Java class")
    void badFilters() {
        write("one", f -> {});
        write("two", f -> {});
        var cursor =
                as(DISPATCHER)
                        .when()
                        .get("/api/v1/cases?limit=1&sort=number")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("nextCursor");
        var cases =
                Map.ofEntries(
                        Map.entry("status=OPENED", "status"),
                        Map.entry("step=ROUTE", "step"),
                        Map.entry("clock=blue", "clock"),
                        Map.entry("source=PIGEON", "source"),
                        Map.entry("grid=NOWHERE", "grid"),
                        Map.entry("grid=G07;drop", "grid"),
                        Map.entry("category=01%2704", "category"),
                        Map.entry("from=yesterday", "from"),
                        Map.entry("from=2026-11-20&to=2026-11-19", "to"),
                        Map.entry("q=井", "q"),
                        Map.entry("lon=119.1&lat=35", "radius"),
                        Map.entry("lat=35&radius=100", "lon"),
                        Map.entry("lon=200&lat=35&radius=100", "lon"),
                        Map.entry("lon=119&lat=35&radius=0", "radius"),
                        Map.entry("lon=119&lat=35&radius=NaN", "radius"),
                        Map.entry("open=maybe", "open"),
                        Map.entry("sort=priority", "sort"),
                        Map.entry("direction=up", "direction"),
                        Map.entry("limit=501", "limit"),
                        Map.entry("limit=0", "limit"),
                        Map.entry("limit=ten", "limit"),
                        Map.entry("count=yes", "count"),
                        Map.entry("format=xlsx", "format"),
                        Map.entry("cursor=bm90LWEtY3Vyc29y", "cursor"),
                        Map.entry("cursor=" + cursor, "cursor"),
                        Map.entry("stauts=HANDLING", "stauts"),
                        Map.entry("reporter=a&reporter=b", "reporter"));
        cases.forEach(
                (params, field) -> {
                    var body =
                            as(DISPATCHER)
                                    .when()
                                    .get("/api/v1/cases?" + params)
                                    .then()
                                    .statusCode(400)
                                    .body("field", equalTo(field))
                                    .extract()
                                    .asString();
                    assertThat(body).as(params).doesNotContain("java.").doesNotContain("Exception");
                });
        // The cursor of a number-sorted search is good for that search.
        as(DISPATCHER)
                .when()
                .get("/api/v1/cases?limit=1&sort=number&cursor=" + cursor)
                .then()
                .statusCode(200)
                .body("items", not(equalTo(null)));
    }

    @Test
    @DisplayName(
            "a two-character Chinese search is answered from the bigram index, not by reading every case")
    void textIndexIsUsed() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local enable_seqscan = off");
            var plan = new StringBuilder();
            try (var rows =
                    statement.executeQuery(
                            "explain select id from cases where "
                                    + "search_bigrams(case_search_text(description, address)) @> search_bigrams(lower('井盖')) "
                                    + "and strpos(case_search_text(description, address), lower('井盖')) > 0")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            assertThat(plan.toString()).contains("cases_text_idx");
            // The pairs of a two-character word: one, and spaces never make a pair.
            try (var rows =
                    statement.executeQuery("select search_bigrams('井盖'), search_bigrams('窨井 盖')")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("{井盖}");
                assertThat(rows.getString(2)).isEqualTo("{窨井}");
            }
            connection.rollback();
        }
    }
}
