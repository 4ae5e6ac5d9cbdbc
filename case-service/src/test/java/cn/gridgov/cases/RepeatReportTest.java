package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Problems reported again: hotspots (三天三单: three reports of a category within three days within 50
 * m) and recurrences of closed cases, found by PostGIS on the real database from the service's own
 * case.reported events on the real Kafka. Each test reports at a random place in G07, with
 * categories no other test of the module reports (扬尘 0602, 社会救助 0202), so that no other test's
 * cases are near, or with the category configured to reopen (排水设施 0106); earlier runs' cases of
 * these categories, and other tests' of 0106, are moved out of the way first.
 */
@QuarkusTest
class RepeatReportTest {

    /** Degrees of latitude in a metre; of longitude at G07's latitude (35°). */
    private static final double LAT_PER_METRE = 1 / 110_574.0;

    private static final double LON_PER_METRE = 1 / (111_320.0 * Math.cos(Math.toRadians(35.004)));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = CaseEvents.TOPIC_CONFIG)
    String caseEventsTopic;

    @Inject AgroalDataSource dataSource;

    private double lon;
    private double lat;
    private TopicTail caseEvents;

    private static final java.util.concurrent.atomic.AtomicBoolean EARLIER_RUNS_MOVED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The test database outlives a run: the reports and hotspots of these categories that earlier
     * runs (and, for 0106, other tests) left in G07 are moved a degree east, out of every window of
     * place, before the first test, so that they never join this run's (a duplicate of an open
     * case, three days for a hotspot, thirty for a recurrence, within 50 m).
     */
    @BeforeEach
    void earlierRunsOutOfTheWay() throws SQLException {
        if (EARLIER_RUNS_MOVED.compareAndSet(false, true)) {
            try (var connection = dataSource.getConnection();
                    var statement = connection.createStatement()) {
                statement.executeUpdate(
                        "update cases set longitude = longitude + 1"
                                + " where category in ('0602', '0202', '0106') and longitude between 119.1 and 119.3");
                statement.executeUpdate(
                        "update hotspot set longitude = longitude + 1"
                                + " where category in ('0602', '0202', '0106') and longitude between 119.1 and 119.3");
            }
        }
    }

    @BeforeEach
    void somewhereInG07() {
        var random = ThreadLocalRandom.current();
        lon = StandInLocate.G07_LONGITUDE + random.nextDouble(-0.0035, 0.0035);
        lat = StandInLocate.G07_LATITUDE + random.nextDouble(-0.0035, 0.0035);
        caseEvents = new TopicTail(bootstrap, caseEventsTopic);
    }

    @AfterEach
    void closeTail() {
        caseEvents.close();
    }

    @Test
    @DisplayName(
            "three reports of a category within 50 m in three days raise exactly one hotspot, and a fourth joins it without raising another")
    void threeReportsRaiseOneHotspot() throws SQLException {
        var first = report("0602", 0, 0);
        var second = report("0602", 12, 5);
        var third = report("0602", -8, 20);

        var hotspot =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> hotspotsOf(first), found -> found.size() == 1)
                        .get(0);
        assertThat(
                        ((List<?>) hotspot.get("cases"))
                                .stream().map(c -> (Object) ((Map<?, ?>) c).get("caseId")).toList())
                .containsExactly(first, second, third);
        assertThat(hotspot.get("reportCount")).isEqualTo(3);
        assertThat(hotspot.get("category")).isEqualTo("0602");
        assertThat(hotspot.get("gridCode")).isEqualTo("G07");
        var hotspotId = (String) hotspot.get("id");
        var raised =
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> raisedCounting(first), events -> !events.isEmpty());
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).key()).isEqualTo(hotspotId);
        assertThat(raised.get(0).event().path("data").path("hotspotId").asText())
                .isEqualTo(hotspotId);
        assertThat(raised.get(0).event().path("data").path("cases").findValuesAsText("caseId"))
                .containsExactly(first, second, third);

        var fourth = report("0602", 20, -10);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(fourth));
        var joined = hotspotsOf(first);
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).get("id")).isEqualTo(hotspot.get("id"));
        assertThat(joined.get(0).get("reportCount")).isEqualTo(4);
        assertThat(hotspotsOf(fourth)).hasSize(1);
        assertThat(raisedCounting(fourth)).isEmpty();
        assertThat(raisedCounting(first)).hasSize(1);
        assertThat(hotspotRowsRaisedBy(fourth)).isZero();
    }

    @Test
    @DisplayName("two reports close together and a third 60 m from both raise no hotspot")
    void sixtyMetresApartIsAnotherPlace() throws SQLException {
        var first = report("0602", 0, 0);
        var second = report("0602", 10, 0);
        var third = report("0602", 0, 60);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> applied(first) && applied(second) && applied(third));
        assertThat(hotspotsOf(first)).isEmpty();
        assertThat(hotspotsOf(third)).isEmpty();
        assertThat(raisedCounting(third)).isEmpty();
    }

    @Test
    @DisplayName(
            "a report at the place of a case closed lately is linked to it, counted against its handler and the checker who closed it")
    void recurrenceAfterClosingIsLinked() throws SQLException {
        var closed = report("0202", 0, 0);
        command(closed, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            dispatch.routed(closed, "IN_GRID", "GRID");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .get("/api/v1/cases/" + closed)
                                        .then()
                                        .body("status", equalTo("HANDLING")));
        command(closed, "result", "G07-1", "\"note\":\"helped\"").then().statusCode(200);
        command(closed, "check", "G07-2", "\"passed\":true")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));

        var again = report("0202", 15, 10);

        var recurrence =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> recurrencesOf(again), found -> found.size() == 1)
                        .get(0);
        assertThat(recurrence.get("caseId")).isEqualTo(closed);
        assertThat(recurrence.get("handlerDepartment")).isEqualTo("GRID");
        assertThat(recurrence.get("closedBy")).isEqualTo("G07-2");
        var announced =
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () ->
                                        caseEvents.forSubject(closed).stream()
                                                .filter(
                                                        r ->
                                                                CaseTypes.RECURRED.is(
                                                                        r.event()
                                                                                .path("type")
                                                                                .asText()))
                                                .toList(),
                                events -> !events.isEmpty());
        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).event().path("data").path("recurrenceCaseId").asText())
                .isEqualTo(again);
        assertThat(announced.get(0).event().path("data").path("closedBy").asText())
                .isEqualTo("G07-2");
        as("CC-DUTY_CHIEF-1")
                .get("/api/v1/cases/" + closed)
                .then()
                .body("status", equalTo("CLOSED"));
    }

    @Test
    @DisplayName(
            "a report at the place of a closed case of a category configured to reopen (排水设施) reopens it:"
                    + " accepted again, the report merged into it, routed anew, and counted as rework once it closes again")
    void recurrenceOfAReopeningCategoryReopensTheClosedCase() throws SQLException {
        var closed = closeInTheGrid(report("0106", 0, 0));

        var again = report("0106", 12, -8);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .get("/api/v1/cases/" + closed)
                                        .then()
                                        .body("status", equalTo("ACCEPTED"))
                                        .body("open", equalTo(true))
                                        .body("clock.step", equalTo("DISPATCH"))
                                        .body("record.reworkCount", equalTo(1)));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .get("/api/v1/cases/" + again)
                                        .then()
                                        .body("status", equalTo("MERGED"))
                                        .body("mergedInto", equalTo(closed)));
        var reopened =
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () ->
                                        caseEvents.forSubject(closed).stream()
                                                .filter(
                                                        r ->
                                                                CaseTypes.REOPENED.is(
                                                                        r.event()
                                                                                .path("type")
                                                                                .asText()))
                                                .toList(),
                                events -> !events.isEmpty());
        assertThat(reopened).hasSize(1);
        var data = reopened.get(0).event().path("data");
        assertThat(data.path("recurrenceCaseId").asText()).isEqualTo(again);
        assertThat(data.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(data.path("open").asBoolean()).isTrue();
        assertThat(data.path("reworkCount").asInt()).isEqualTo(1);
        assertThat(
                        as("CC-DUTY_CHIEF-1")
                                .get("/api/v1/cases/" + closed + "/timeline")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .<String>getList("action"))
                .containsSubsequence("CLOSED", "REOPENED", "DUPLICATE_JOINED");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> readModel(closed), facts -> "1 open".equals(facts));

        closeInTheGrid(closed);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> readModel(closed), facts -> "1 closed".equals(facts));
        assertThat(recurrencesOf(again)).hasSize(1);
    }

    @Test
    @DisplayName(
            "hotspots and recurrences are read by the command center; a bad limit or since is a 400 naming it")
    void whoReadsThemAndBadInput() {
        as("G07-2")
                .get("/api/v1/hotspots")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        as("ZHZF-1")
                .get("/api/v1/recurrences")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        as("CC-DISPATCHER-1")
                .queryParam("limit", "0")
                .get("/api/v1/hotspots")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
        as("CC-DISPATCHER-1")
                .queryParam("limit", "many")
                .get("/api/v1/recurrences")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
        as("CC-LEADER-1")
                .queryParam("since", "last week")
                .get("/api/v1/hotspots")
                .then()
                .statusCode(400)
                .body("field", equalTo("since"));
    }

    /**
     * A report by G07's grid worker this many metres east and north of the test's place; answers
     * the case id.
     */
    private String report(String category, double east, double north) {
        return as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\",\"category\":\"%s\",\"description\":\"again\",\"longitude\":%s,\"latitude\":%s}"
                                .formatted(
                                        UUID.randomUUID(),
                                        category,
                                        lon + east * LON_PER_METRE,
                                        lat + north * LAT_PER_METRE))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The hotspots counting this case. */
    private static List<Map<String, Object>> hotspotsOf(String caseId) {
        return JsonPath.from(
                        as("CC-DISPATCHER-1")
                                .queryParam("limit", "500")
                                .get("/api/v1/hotspots")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                .<Map<String, Object>>getList("")
                .stream()
                .filter(
                        h ->
                                ((List<?>) h.get("cases"))
                                        .stream()
                                                .anyMatch(
                                                        c ->
                                                                caseId.equals(
                                                                        ((Map<?, ?>) c)
                                                                                .get("caseId"))))
                .toList();
    }

    /** Accepted (or routed again), handled in G07 and closed by the grid worker's check. */
    private String closeInTheGrid(String caseId) {
        if (!"ACCEPTED"
                .equals(as("CC-DUTY_CHIEF-1").get("/api/v1/cases/" + caseId).path("status"))) {
            command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        }
        try (var dispatch = new DispatchDesk(bootstrap)) {
            dispatch.routed(caseId, "IN_GRID", "GRID");
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo("HANDLING")));
        command(caseId, "result", "G07-1", "\"note\":\"cleared\"").then().statusCode(200);
        command(caseId, "check", "G07-2", "\"passed\":true")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        return caseId;
    }

    /** The read model's word on the case: its reworks, and whether it stands closed. */
    private String readModel(String caseId) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement(
                                "select reworks, closed_at is not null from case_facts where case_id = ?::uuid")) {
            statement.setString(1, caseId);
            try (var rows = statement.executeQuery()) {
                return rows.next()
                        ? rows.getInt(1) + (rows.getBoolean(2) ? " closed" : " open")
                        : "none";
            }
        }
    }

    /** The recurrences this case is the new report of. */
    private static List<Map<String, Object>> recurrencesOf(String caseId) {
        return JsonPath.from(
                        as("CC-SUPERVISOR-1")
                                .queryParam("limit", "500")
                                .get("/api/v1/recurrences")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                .<Map<String, Object>>getList("")
                .stream()
                .filter(r -> caseId.equals(r.get("recurrenceCaseId")))
                .toList();
    }

    /** The hotspots raised (announced) counting this case. */
    private List<TopicTail.Received> raisedCounting(String caseId) {
        return caseEvents.all().stream()
                .filter(r -> CaseTypes.HOTSPOT_RAISED.is(r.event().path("type").asText()))
                .filter(
                        r ->
                                r.event()
                                        .path("data")
                                        .path("cases")
                                        .findValuesAsText("caseId")
                                        .contains(caseId))
                .toList();
    }

    /**
     * Whether the case's case.reported has been read back and applied (its id in processed_event).
     */
    private boolean applied(String caseId) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement(
                                "select count(*) from outbox_event o join processed_event p "
                                        + "on p.event_id = o.event_id::text where o.message_key = ? and o.type = ?")) {
            statement.setString(1, caseId);
            statement.setString(2, CaseTypes.REPORTED.name());
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    /** Hotspots raised at this case's report (whose place is its point). */
    private int hotspotRowsRaisedBy(String caseId) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement(
                                "select count(*) from hotspot h join cases c on c.id = ?::uuid "
                                        + "where h.longitude = c.longitude and h.latitude = c.latitude")) {
            statement.setString(1, caseId);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
