package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Role;
import cn.gridgov.cases.intake.Report;
import cn.gridgov.cases.intake.ReportIntake;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.kit.testing.Tokens;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Intake against the real PostgreSQL and Kafka, reports sent by signed-in grid staff. grid-service
 * is not running here: {@link StandInLocate} places points near G07's centre in G07 and cannot
 * answer for any other, which is the outage case (reports are kept without a grid). The real
 * grid-service's answers are covered by the journey test.
 */
@QuarkusTest
class ReportIntakeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = CaseEvents.TOPIC_CONFIG)
    String caseEventsTopic;

    @TestHTTPResource("/api/v1/reports")
    URL reports;

    @Inject ReportIntake intake;

    @Inject CaseRepository cases;

    @Inject AgroalDataSource dataSource;

    @Test
    @DisplayName(
            "a report sent twice with the same report id makes one case and the second answer is that case")
    void resentReportMakesOneCase() {
        var reportId = UUID.randomUUID();
        var body = report(reportId, "Manhole cover missing on 柘汪路");

        var number =
                as("G07-2")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("number", matchesPattern("\\d{4}-\\d{6,}"))
                        .body("status", equalTo("VERIFIED"))
                        .extract()
                        .path("number");

        as("G07-2")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("number", equalTo(number));

        as("G07-2")
                .when()
                .get("/api/v1/cases/by-report/" + reportId)
                .then()
                .statusCode(200)
                .body("number", equalTo(number));
    }

    @Test
    @DisplayName("a report id reused for a different report is a 409 and changes nothing")
    void reusedReportIdIsConflict() {
        var reportId = UUID.randomUUID();
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(reportId, "first"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201);

        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(reportId, "something else"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(409)
                .body("code", equalTo("REPORT_ID_REUSED"))
                .body("field", equalTo("reportId"));

        as("G07-2")
                .when()
                .get("/api/v1/cases/by-report/" + reportId)
                .then()
                .statusCode(200)
                .body("description", equalTo("first"));
    }

    @Test
    @DisplayName(
            "when grid-service cannot say where a report is, the report is kept without a grid")
    void gridOutageKeepsTheReport() {
        var reportId = UUID.randomUUID();
        // Outside G07, where the stand-in grid-service cannot answer.
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(reportId, "Fire exit blocked").replace("119.165", "119.131"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("gridCode", nullValue());
    }

    @Test
    @DisplayName(
            "a report at G07's centre is located through grid-service, asked with case-service's own token")
    void reportIsLocatedWithTheServiceToken() {
        var refusedBefore = StandInLocate.REFUSED_CALLS.get();
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(UUID.randomUUID(), "Streetlight out"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("gridCode", equalTo("G07"));
        assertThat(StandInLocate.REFUSED_CALLS.get()).isEqualTo(refusedBefore);
    }

    @Test
    @DisplayName(
            "the reporter is the signed-in caller: a reporterId in the body is ignored, and the report is recorded as theirs")
    void theReporterIsTheCaller() {
        var reportId = UUID.randomUUID();
        String caseId =
                as("G20-2")
                        .contentType(ContentType.JSON)
                        .body(
                                report(reportId, "Bench broken")
                                        .replace(
                                                "\"source\"",
                                                "\"reporterId\":\"G07-1\",\"source\""))
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        // 通办: a grid worker reports anywhere, and from the spot it counts as
                        // verified.
                        .body("status", equalTo("VERIFIED"))
                        .extract()
                        .path("id");
        as("G20-2")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline")
                .then()
                .statusCode(200)
                .body("find { it.action == 'REPORTED' }.staffId", equalTo("G20-2"))
                .body("find { it.action == 'REPORTED' }.role", equalTo("GRID_WORKER"));
    }

    @Test
    @DisplayName(
            "who reports through which channel: grid staff from the spot, the command center by hotline, no department; a refused report writes nothing")
    void whoMayReport() {
        var refused = UUID.randomUUID();
        as("ZHZF-1")
                .contentType(ContentType.JSON)
                .body(report(refused, "not mine to report"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(403)
                .body("code", equalTo("MAY_NOT_REPORT"));
        as("CC-DISPATCHER-1")
                .contentType(ContentType.JSON)
                .body(report(refused, "not mine to report"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_SOURCE"));
        as("G07-2").when().get("/api/v1/cases/by-report/" + refused).then().statusCode(404);

        as("CC-DISPATCHER-1")
                .contentType(ContentType.JSON)
                .body(
                        report(UUID.randomUUID(), "caller says the cover is gone")
                                .replace("GRID_WORKER", "HOTLINE"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("status", equalTo("REPORTED"))
                .body("source", equalTo("HOTLINE"));
    }

    @Test
    @DisplayName(
            "a grid worker's report is published once as case.reported, then case.verified, keyed by the case id")
    void reportIsPublishedThroughTheOutbox() {
        try (var tail = new TopicTail(bootstrap, caseEventsTopic)) {
            String caseId =
                    as("G07-2")
                            .contentType(ContentType.JSON)
                            .body(report(UUID.randomUUID(), "Pothole"))
                            .when()
                            .post("/api/v1/reports")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id");

            var received =
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> tail.forSubject(caseId), list -> list.size() >= 2);

            var record = received.get(0);
            assertThat(record.key()).isEqualTo(caseId);
            assertThat(record.contentType()).startsWith("application/cloudevents+json");
            assertThat(record.event().path("specversion").asText()).isEqualTo("1.0");
            assertThat(record.event().path("type").asText()).isEqualTo(CaseTypes.REPORTED.name());
            assertThat(record.event().path("data").path("description").asText())
                    .isEqualTo("Pothole");
            assertThat(record.event().path("data").path("status").asText()).isEqualTo("REPORTED");
            assertThat(received.get(1).event().path("type").asText())
                    .isEqualTo(CaseTypes.VERIFIED.name());
            assertThat(received.get(1).event().path("data").path("step").asText())
                    .isEqualTo("ACCEPT");
            assertThat(received.get(1).event().path("data").path("stepDueAt").asText())
                    .isNotEmpty();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> tail.forSubject(caseId).size() == 2);
        }
    }

    @Test
    @DisplayName("missing and out-of-range fields are 400s that name the field")
    void badReportsNameTheField() {
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\""
                                + UUID.randomUUID()
                                + "\",\"source\":\"GRID_WORKER\",\"category\":\"0101\","
                                + "\"description\":\"x\",\"longitude\":200,\"latitude\":35}")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("field", equalTo("longitude"));
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"source\":\"GRID_WORKER\",\"category\":\"0101\",\"description\":\"x\",\"longitude\":119.1,\"latitude\":35}")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("field", equalTo("reportId"));
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\""
                                + UUID.randomUUID()
                                + "\",\"source\":\"PIGEON\",\"category\":\"0101\","
                                + "\"description\":\"x\",\"longitude\":119.1,\"latitude\":35}")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("field", equalTo("source"))
                .body("message", containsString("HOTLINE"));
        as("G07-2")
                .contentType(ContentType.JSON)
                .body("{not json")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNREADABLE_BODY"));
    }

    @Test
    @DisplayName(
            "types are strict: a longitude written as text, a key given twice, a number too large for a double and a"
                    + " source given by index are 400s naming the field, and no case is made")
    void typesAreStrict() {
        var reportId = UUID.randomUUID();
        var valid = reportBody(reportId, 119.165, 35.004, "0101");
        var refused =
                List.of(
                        new String[] {
                            valid.replaceFirst(
                                    "\"longitude\":[0-9.]+", "\"longitude\":\"119.165\""),
                            "longitude"
                        },
                        new String[] {
                            valid.replaceFirst(
                                    "\"latitude\":[0-9.]+", "\"latitude\":35.004,\"latitude\":36"),
                            "latitude"
                        },
                        new String[] {
                            valid.replaceFirst("\"longitude\":[0-9.]+", "\"longitude\":1e999"),
                            "longitude"
                        },
                        new String[] {valid.replace("\"GRID_WORKER\"", "0"), "source"});
        for (var body : refused) {
            as("G07-2")
                    .contentType(ContentType.JSON)
                    .body(body[0])
                    .when()
                    .post("/api/v1/reports")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("UNREADABLE_BODY"))
                    .body("field", equalTo(body[1]))
                    .body("message", org.hamcrest.Matchers.not(containsString("java")));
        }
        as("G07-2").when().get("/api/v1/cases/by-report/" + reportId).then().statusCode(404);
    }

    @Test
    @DisplayName(
            "a category outside the catalogue, and a photo-required category without photos, are 422s")
    void catalogueGuardsIntake() {
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(UUID.randomUUID(), "x").replace("\"0101\"", "\"9999\""))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_CATEGORY"))
                .body("field", equalTo("category"));
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(UUID.randomUUID(), "x").replace("\"0101\"", "\"0103\""))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(422)
                .body("code", equalTo("PHOTO_REQUIRED"))
                .body("field", equalTo("photoIds"));
    }

    @Test
    @DisplayName(
            "twenty copies of one report sent at once make one case, and every answer names it")
    void racingCopiesMakeOneCase() throws Exception {
        var body = report(UUID.randomUUID(), "Streetlight out at the school gate");
        var client = HttpClient.newHttpClient();
        var request =
                HttpRequest.newBuilder(reports.toURI())
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Tokens.of("G07-2"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        var start = new CountDownLatch(1);
        var senders = Executors.newFixedThreadPool(20);
        try {
            var answers = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < 20; i++) {
                answers.add(
                        senders.submit(
                                () -> {
                                    start.await();
                                    return client.send(
                                            request, HttpResponse.BodyHandlers.ofString());
                                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            var numbers = new HashSet<String>();
            for (var answer : answers) {
                var response = answer.get(30, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                numbers.add(
                        io.restassured.path.json.JsonPath.from(response.body())
                                .getString("number"));
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
            assertThat(numbers).hasSize(1).doesNotContainNull();
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    @DisplayName(
            "open cases of the category within the radius are listed nearest first, none beyond it and none of another category")
    void duplicatesWithinTheRadiusNearestFirst() {
        // A spot of its own, so that cases of earlier runs cannot crowd it out.
        var lon = 119.30 + ThreadLocalRandom.current().nextDouble() * 0.1;
        var lat = 35.10 + ThreadLocalRandom.current().nextDouble() * 0.1;
        var tenMetresNorth = reportAt(lon, lat + 0.00009);
        var twentyFiveMetresEast = reportAt(lon + 0.00027, lat);
        var seventyEightMetresNorth = reportAt(lon, lat + 0.0007);
        var fiftyThreeMetresEast = reportAt(lon + 0.00058, lat);
        var anotherCategoryFiveMetresSouth = reportAt(lon, lat - 0.000045, "0102");

        var listed =
                as("G07-2")
                        .contentType(ContentType.JSON)
                        .body(reportBody(UUID.randomUUID(), lon, lat, "0101"))
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<List<String>>path("possibleDuplicates.caseId");

        assertThat(listed)
                .containsExactly(tenMetresNorth, twentyFiveMetresEast)
                .doesNotContain(
                        seventyEightMetresNorth,
                        fiftyThreeMetresEast,
                        anotherCategoryFiveMetresSouth);
    }

    private static String reportAt(double lon, double lat) {
        return reportAt(lon, lat, "0101");
    }

    private static String reportAt(double lon, double lat, String category) {
        return as("G07-2")
                .contentType(ContentType.JSON)
                .body(reportBody(UUID.randomUUID(), lon, lat, category))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String reportBody(UUID reportId, double lon, double lat, String category) {
        return String.format(
                java.util.Locale.ROOT,
                "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\","
                        + "\"category\":\"%s\",\"description\":\"Pothole\",\"longitude\":%.7f,\"latitude\":%.7f}",
                reportId,
                category,
                lon,
                lat);
    }

    @Test
    @RunOnVertxContext
    @DisplayName(
            "a reported case reads back through its entity column for column as intake built it")
    void intakeWritesEveryColumnOfTheCase(UniAsserter asserter) {
        var report =
                new Report(
                        UUID.randomUUID(),
                        ReportSource.GRID_WORKER,
                        "G07-2",
                        "0101",
                        "Pothole by the bus stop",
                        119.165,
                        35.004,
                        "柘汪路 12 号",
                        List.of(),
                        new Actor("G07-2", Role.GRID_WORKER, null));
        var built = new AtomicReference<Case>();
        asserter.assertThat(
                () -> intake.receive(report), outcome -> built.set(outcome.reportedCase()));
        asserter.assertThat(
                () -> Panache.withSession(() -> cases.findById(built.get().id)),
                read -> {
                    assertThat(read.status).isEqualTo(CaseStatus.VERIFIED);
                    assertThat(read.timelineLength).isEqualTo(2);
                    for (Field field : Case.class.getDeclaredFields()) {
                        if (Modifier.isStatic(field.getModifiers())
                                || field.isSynthetic()
                                || field.getName().startsWith("$$")) {
                            continue;
                        }
                        field.setAccessible(
                                true); // entities' public fields are made accessor-backed when
                        // built
                        try {
                            assertThat(stored(field.get(read)))
                                    .as(field.getName())
                                    .isEqualTo(stored(field.get(built.get())));
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(field.getName() + " cannot be read", e);
                        }
                    }
                });
    }

    /** Instants as PostgreSQL keeps them, to the microsecond. */
    @Test
    @DisplayName("text holding the NUL character is a 400 naming the field, and nothing is written")
    void nulCharacterIsRefused() {
        var reportId = UUID.randomUUID();
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(report(reportId, "broken\\u0000record"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("field", equalTo("description"))
                .body("message", containsString("NUL"));
        as("G07-2").when().get("/api/v1/cases/by-report/" + reportId).then().statusCode(404);
    }

    @Test
    @DisplayName(
            "a body that is not UTF-8 (the overlong C0 AF Jackson would read as '/') is a 400 UNREADABLE_BODY, and nothing is written")
    void bodyThatIsNotUtf8IsRefused() {
        var reportId = UUID.randomUUID();
        var json = report(reportId, "a/b").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var slash = new String(json, java.nio.charset.StandardCharsets.UTF_8).indexOf("a/b") + 1;
        var overlong = new byte[json.length + 1];
        System.arraycopy(json, 0, overlong, 0, slash);
        overlong[slash] = (byte) 0xC0;
        overlong[slash + 1] = (byte) 0xAF;
        System.arraycopy(json, slash + 1, overlong, slash + 2, json.length - slash - 1);
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(overlong)
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNREADABLE_BODY"));
        as("G07-2").when().get("/api/v1/cases/by-report/" + reportId).then().statusCode(404);
    }

    @Test
    @DisplayName(
            "case numbers keep six digits at least and grow past them: the millionth case of a year is not a number already given")
    void caseNumbersGrowPastSixDigits() throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(
                    "drop sequence if exists case_number_2199; create sequence case_number_2199 start 999999");
            try (var numbers =
                    statement.executeQuery(
                            "select next_case_number(2199), next_case_number(2199)")) {
                numbers.next();
                assertThat(List.of(numbers.getString(1), numbers.getString(2)))
                        .containsExactly("2199-999999", "2199-1000000");
            } finally {
                statement.execute("drop sequence case_number_2199");
            }
        }
    }

    @Test
    @DisplayName(
            "a report the database refuses fails alone: the reports sent at the same moment are all kept")
    void refusedReportFailsAlone() throws Exception {
        // The database itself refuses one report, whatever intake thought of it.
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(
                    """
                    create or replace function refuse_marked_report() returns trigger language plpgsql as $$
                    begin
                        if new.description = 'refused by the database' then
                            raise exception 'refused for the test';
                        end if;
                        return new;
                    end $$;
                    drop trigger if exists refuse_marked_report on cases;
                    create trigger refuse_marked_report before insert on cases
                        for each row execute function refuse_marked_report();""");
        }
        try {
            sendWithOneRefused();
        } finally {
            try (var connection = dataSource.getConnection();
                    var statement = connection.createStatement()) {
                statement.execute(
                        "drop trigger refuse_marked_report on cases; drop function refuse_marked_report()");
            }
        }
    }

    private void sendWithOneRefused() throws Exception {
        var client = HttpClient.newHttpClient();
        var poison = UUID.randomUUID();
        var reportIds = new ArrayList<UUID>();
        for (int i = 0; i < 30; i++) {
            reportIds.add(i == 15 ? poison : UUID.randomUUID());
        }
        var start = new CountDownLatch(1);
        var senders = Executors.newFixedThreadPool(reportIds.size());
        try {
            var answers = new ArrayList<Future<HttpResponse<String>>>();
            for (var reportId : reportIds) {
                var body =
                        report(
                                reportId,
                                reportId == poison
                                        ? "refused by the database"
                                        : "Bench broken in the park");
                var request =
                        HttpRequest.newBuilder(reports.toURI())
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + Tokens.of("G07-2"))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build();
                answers.add(
                        senders.submit(
                                () -> {
                                    start.await();
                                    return client.send(
                                            request, HttpResponse.BodyHandlers.ofString());
                                }));
            }
            start.countDown();
            var created = new HashSet<String>();
            for (int i = 0; i < answers.size(); i++) {
                var response = answers.get(i).get(30, TimeUnit.SECONDS);
                if (reportIds.get(i) == poison) {
                    assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
                } else {
                    assertThat(response.statusCode()).isEqualTo(201);
                    created.add(
                            io.restassured.path.json.JsonPath.from(response.body())
                                    .getString("number"));
                }
            }
            assertThat(created).hasSize(reportIds.size() - 1);
            as("G07-2").when().get("/api/v1/cases/by-report/" + poison).then().statusCode(404);
        } finally {
            senders.shutdownNow();
        }
    }

    private static Object stored(Object value) {
        return value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MICROS) : value;
    }

    static String report(UUID reportId, String description) {
        return "{\"reportId\":\""
                + reportId
                + "\",\"source\":\"GRID_WORKER\","
                + "\"category\":\"0101\",\"description\":\""
                + description
                + "\",\"longitude\":119.165,\"latitude\":35.004}";
    }
}
