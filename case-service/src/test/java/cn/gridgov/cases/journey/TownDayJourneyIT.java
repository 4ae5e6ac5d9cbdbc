package cn.gridgov.cases.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.gridgov.cases.bench.LoopDriver;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.testing.Tokens;
import cn.gridgov.kit.testing.TopicTail;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Days in the demo town, end to end: the three services run from their packaged jars against the
 * real PostGIS and the real Kafka broker, and the test talks to them only over HTTP and Kafka, as
 * phones, the command center and departments do. In the demo town the centre of grid G07 is
 * (119.165, 35.004); its town is 海头镇 (D01-S2).
 */
class TownDayJourneyIT {

    private static final String KAFKA =
            System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    private static final int GRID_PORT = 28081;
    private static final int CASE_PORT = 28082;
    private static final int DISPATCH_PORT = 28083;

    /** The smallest valid PNG, a photo for categories whose standard asks for one. */
    private static final byte[] PNG =
            java.util.Base64.getDecoder()
                    .decode(
                            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static ServiceProcess grid;
    private static ServiceProcess dispatch;
    private static ServiceProcess cases;

    @BeforeAll
    static void startTheSystem() throws Exception {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        grid =
                new ServiceProcess("grid-service", GRID_PORT, "gridgov.demo-town.enabled=true")
                        .start();
        dispatch =
                new ServiceProcess(
                                "dispatch-service",
                                DISPATCH_PORT,
                                "mp.messaging.incoming.case-events.group.id=dispatch-service-journey",
                                "mp.messaging.incoming.grid-events.group.id=dispatch-service-journey-grid",
                                "gridgov.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                                // The real grid-service is the staff directory here (a test profile
                                // may point it at a stand-in).
                                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                // The reconciliation compares with the real case-service.
                                "quarkus.rest-client.case-service.url=http://127.0.0.1:"
                                        + CASE_PORT,
                                // A hard-case whistle's half hour, and leadership's next half hour,
                                // pass in seconds here.
                                "gridgov.whistle.hard-case-deadline=20S",
                                "gridgov.whistle.leadership-after=5S")
                        .start();
        cases = caseService().start();
        for (var service : new ServiceProcess[] {grid, dispatch, cases}) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        differencesBefore = Reconciled.settledDifferences(dispatch.baseUrl());
        if (!differencesBefore.isEmpty()) {
            System.out.println(
                    "differences left by earlier runs, before the journeys: " + differencesBefore);
        }
    }

    /**
     * What the reconciliation listed before the journeys began (left by earlier builds, if
     * anything).
     */
    private static java.util.Set<String> differencesBefore;

    private static ServiceProcess caseService() {
        return new ServiceProcess(
                "case-service",
                CASE_PORT,
                "gridgov.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                // The real grid-service is the staff directory here (a test profile may point it at
                // a stand-in).
                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:" + GRID_PORT,
                "mp.messaging.incoming.dispatch-events.group.id=case-service-journey");
    }

    /**
     * After each journey both services agree on every open case: the reconciliation lists no new
     * difference.
     */
    @AfterEach
    void bothServicesAgree() {
        Reconciled.assertNoNewDifference(dispatch.baseUrl(), differencesBefore);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (var service : new ServiceProcess[] {cases, dispatch, grid}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @DisplayName(
            "a missing manhole cover: reported twice, one case in G07, accepted urgent, routed to enforcement "
                    + "with housing co-handling, reworked once, closed, evaluated, and kept across a restart")
    void missingManholeCover() throws Exception {
        var reportId = UUID.randomUUID();
        var report =
                "{\"reportId\":\""
                        + reportId
                        + "\",\"source\":\"GRID_WORKER\","
                        + "\"category\":\"0101\",\"description\":\"井盖缺失 manhole cover missing\","
                        + "\"longitude\":119.165,\"latitude\":35.004}";

        try (var caseEvents = new TopicTail(KAFKA, ServiceProcess.CASE_EVENTS);
                var dispatchEvents = new TopicTail(KAFKA, ServiceProcess.DISPATCH_EVENTS)) {
            String caseId =
                    as("G07-2")
                            .baseUri(cases.baseUrl())
                            .contentType(ContentType.JSON)
                            .body(report)
                            .when()
                            .post("/api/v1/reports")
                            .then()
                            .statusCode(201)
                            .body("gridCode", equalTo("G07"))
                            .body("status", equalTo("VERIFIED"))
                            .extract()
                            .path("id");
            // The phone did not hear the answer (a basement, no signal) and sends the same report
            // again.
            as("G07-2")
                    .baseUri(cases.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(report)
                    .when()
                    .post("/api/v1/reports")
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(caseId));

            command(caseId, "accept", "CC-DUTY_CHIEF-1", "\"urgency\":\"URGENT\"")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ACCEPTED"));
            awaitCase(caseId, "DISPATCHED");
            as("CC-DUTY_CHIEF-1")
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId)
                    .then()
                    .body("routing.departmentCode", equalTo("ZHZF"))
                    .body("routing.ruleId", equalTo("R-01"));

            var routed =
                    await().atMost(Duration.ofSeconds(10))
                            .until(
                                    () -> dispatchEvents.forSubject(caseId),
                                    list -> !list.isEmpty());
            assertThat(routed.get(0).key()).isEqualTo(caseId);
            assertThat(routed.get(0).event().path("type").asText())
                    .isEqualTo(DispatchTypes.ROUTED.name());
            assertThat(routed.get(0).event().path("data").path("coHandlers").toString())
                    .contains("ZJJ");

            // The lead department's own staff accept the case (the acceptance has no body: who
            // accepts is the token's).
            as("ZHZF-1")
                    .baseUri(dispatch.baseUrl())
                    .when()
                    .post("/api/v1/routing-decisions/" + caseId + "/acceptance")
                    .then()
                    .statusCode(200);
            awaitCase(caseId, "HANDLING");

            var handler = "ZHZF-1";
            var gridWorker = "G07-2";
            command(caseId, "result", "ZJJ-1", "\"note\":\"not ours to say\"")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_THE_HANDLER"));
            command(caseId, "check", "G20-2", "\"passed\":true")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_YOUR_GRID"));
            command(caseId, "result", handler, "\"note\":\"cover replaced\"")
                    .then()
                    .statusCode(200);
            command(
                            caseId,
                            "check",
                            gridWorker,
                            "\"passed\":false,\"note\":\"the cover is the wrong size\"")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("HANDLING"));
            command(caseId, "result", handler, "\"note\":\"a cover of the right size fitted\"")
                    .then()
                    .statusCode(200);
            command(caseId, "check", gridWorker, "\"passed\":true")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("CLOSED"));
            command(caseId, "evaluation", "G07-2", "\"satisfaction\":5")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("EVALUATED"))
                    .body("record.reworkCount", equalTo(1));

            var types =
                    await().atMost(Duration.ofSeconds(10))
                            .until(
                                    () ->
                                            caseEvents.forSubject(caseId).stream()
                                                    .map(r -> r.event().path("type").asText())
                                                    .toList(),
                                    list -> list.contains(CaseTypes.EVALUATED.name()));
            assertThat(types)
                    .containsSubsequence(
                            Stream.of(
                                            CaseTypes.REPORTED,
                                            CaseTypes.VERIFIED,
                                            CaseTypes.ACCEPTED,
                                            CaseTypes.DISPATCHED,
                                            CaseTypes.HANDLING,
                                            CaseTypes.RESULT_SUBMITTED,
                                            CaseTypes.REWORK,
                                            CaseTypes.RESULT_SUBMITTED,
                                            CaseTypes.CLOSED,
                                            CaseTypes.EVALUATED)
                                    .map(EventType::name)
                                    .toList());
            assertThat(types.stream().filter(CaseTypes.REPORTED::is)).hasSize(1);

            cases.close();
            cases = caseService().start();
            cases.awaitReady(Duration.ofSeconds(120));

            as("CC-SUPERVISOR-1")
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("EVALUATED"))
                    .body("satisfaction", equalTo(5));
            as("CC-SUPERVISOR-1")
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId + "/timeline/verification")
                    .then()
                    .statusCode(200)
                    .body("valid", equalTo(true));
        }
    }

    @Test
    @DisplayName(
            "the loop benchmark's driver runs cases through all eight steps over HTTP, every step answered"
                    + " and timed")
    void loopBenchmarkDriverRunsTheLoop() throws Exception {
        var run =
                new LoopDriver(
                                new LoopDriver.Target(
                                        cases.baseUrl(),
                                        dispatch.baseUrl(),
                                        KAFKA,
                                        ServiceProcess.CASE_EVENTS))
                        .run(2, Duration.ofSeconds(3));
        assertThat(run.errors()).isEmpty();
        assertThat(run.casesInTime() + run.casesAfter()).isPositive();
        assertThat(run.latencies().keySet()).containsExactlyInAnyOrderElementsOf(LoopDriver.STEPS);
    }

    @Test
    @DisplayName(
            "not ours: a shop licence routed to the town is sent back, dispatched by hand to the district regulator, "
                    + "and the send-back is counted")
    void sentBackAndDispatchedByHand() {
        String caseId =
                as("G07-2")
                        .baseUri(cases.baseUrl())
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"GRID_WORKER\","
                                        + "\"category\":\"0501\",\"description\":\"无证经营 a shop without a licence\","
                                        + "\"longitude\":119.166,\"latitude\":35.005}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "\"subjectType\":\"NATURAL_PERSON\"")
                .then()
                .statusCode(200);
        awaitCase(caseId, "DISPATCHED");
        String town =
                as("CC-DUTY_CHIEF-1")
                        .baseUri(cases.baseUrl())
                        .when()
                        .get("/api/v1/cases/" + caseId)
                        .then()
                        .extract()
                        .path("routing.departmentCode");
        assertThat(town).isEqualTo("JD-S2");

        as("JD-S2-1")
                .baseUri(dispatch.baseUrl())
                .contentType(ContentType.JSON)
                .body(
                        "{\"reason\":\"licences of companies belong to the district market regulator\"}")
                .when()
                .post("/api/v1/routing-decisions/" + caseId + "/send-back")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DISPATCHER-1")
                                        .baseUri(dispatch.baseUrl())
                                        .when()
                                        .get("/api/v1/dispatch-queue")
                                        .then()
                                        .body("caseId", hasItem(caseId)));

        as("CC-DISPATCHER-1")
                .baseUri(dispatch.baseUrl())
                .contentType(ContentType.JSON)
                .body(
                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"SCJG\",\"reason\":\"a company: district regulator\"}")
                .when()
                .post("/api/v1/routing-decisions/" + caseId + "/override")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .baseUri(cases.baseUrl())
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo("DISPATCHED"))
                                        .body("routing.departmentCode", equalTo("SCJG"))
                                        .body("record.sendBackCount", equalTo(1)));
    }

    @Test
    @DisplayName(
            "illegal construction at the port: routed to the port authority, a hard-case whistle summons three "
                    + "departments, the one reporting from 5 km away is escalated twice, and the whistle closes with the case")
    void whistleAtThePort() {
        var photo =
                as("G02-2")
                        .baseUri(cases.baseUrl())
                        .multiPart("file", "site.png", PNG, "image/png")
                        .when()
                        .post("/api/v1/photos")
                        .then()
                        .extract()
                        .<String>path("id");
        String caseId =
                as("G02-2")
                        .baseUri(cases.baseUrl())
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"GRID_WORKER\","
                                        + "\"category\":\"0103\",\"description\":\"违章搭建 a shed on the quay\","
                                        + "\"longitude\":119.112,\"latitude\":35.003,\"photoIds\":[\""
                                        + photo
                                        + "\"]}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("gridCode", equalTo("G02"))
                        .body("dedicatedGridCodes", hasItem("DG-PORT"))
                        .extract()
                        .path("id");
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        awaitCase(caseId, "DISPATCHED");
        as("CC-DUTY_CHIEF-1")
                .baseUri(cases.baseUrl())
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .body("routing.departmentCode", equalTo("GKJ"));

        // The port grid's chief blows the whistle (吹哨): the grid chief of one of the case's grids.
        String whistleId =
                as("G02-1")
                        .baseUri(dispatch.baseUrl())
                        .contentType(ContentType.JSON)
                        .body("{\"kind\":\"HARD_CASE\",\"departments\":[\"ZHZF\",\"GTS\",\"PCS\"]}")
                        .when()
                        .post("/api/v1/cases/" + caseId + "/whistles")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("whistleId");
        dutyReport(whistleId, "ZHZF", 119.1125, 35.0032)
                .then()
                .statusCode(200)
                .body("arrived", equalTo(true));
        dutyReport(whistleId, "PCS", 119.1110, 35.0025)
                .then()
                .statusCode(200)
                .body("arrived", equalTo(true));
        dutyReport(whistleId, "GTS", 119.1670, 35.0030)
                .then()
                .statusCode(200)
                .body("arrived", equalTo(false));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .baseUri(dispatch.baseUrl())
                                        .when()
                                        .get("/api/v1/whistles/" + whistleId)
                                        .then()
                                        .body(
                                                "departments.find { it.departmentCode == 'GTS' }.escalationLevel",
                                                equalTo(2))
                                        .body(
                                                "departments.find { it.departmentCode == 'ZHZF' }.escalationLevel",
                                                equalTo(0))
                                        .body("state", equalTo("OPEN")));

        as("GKJ-1")
                .baseUri(dispatch.baseUrl())
                .when()
                .post("/api/v1/routing-decisions/" + caseId + "/acceptance")
                .then()
                .statusCode(200);
        awaitCase(caseId, "HANDLING");
        command(
                        caseId,
                        "result",
                        "GKJ-1",
                        "\"note\":\"the shed is demolished\",\"photoIds\":[\"" + photo + "\"]")
                .then()
                .statusCode(200);
        command(caseId, "check", "G02-2", "\"passed\":true")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .baseUri(dispatch.baseUrl())
                                        .when()
                                        .get("/api/v1/whistles/" + whistleId)
                                        .then()
                                        .body("state", equalTo("CLOSED")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .baseUri(cases.baseUrl())
                                        .when()
                                        .get("/api/v1/cases/" + caseId + "/timeline")
                                        .then()
                                        .body("action", hasItem("WHISTLE_BLOWN"))
                                        .body("action", hasItem("ESCALATED")));
    }

    @Test
    @DisplayName(
            "a busy desk: overrides, acceptances and send-backs fired at the same cases at once, round after round, "
                    + "end in one outcome both services agree on, and every loser is told (a 403 or 409, or a refusal recorded)")
    void racingCommandsEndInOneOutcome() throws Exception {
        var caseIds = new java.util.ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            String caseId =
                    as("G07-2")
                            .baseUri(cases.baseUrl())
                            .contentType(ContentType.JSON)
                            .body(
                                    "{\"reportId\":\""
                                            + UUID.randomUUID()
                                            + "\",\"source\":\"GRID_WORKER\","
                                            + "\"category\":\"0101\",\"description\":\"井盖松动 a loose cover "
                                            + i
                                            + "\","
                                            + "\"longitude\":"
                                            + (119.1605 + i * 0.001)
                                            + ",\"latitude\":35.0035}")
                            .when()
                            .post("/api/v1/reports")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id");
            command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
            caseIds.add(caseId);
        }
        caseIds.forEach(caseId -> awaitCase(caseId, "DISPATCHED"));
        // The first four take volleys round after round; the other four are handed to their grid
        // and
        // re-routed in the same instant, before dispatch-service has heard that the grid took them.
        var volleyed = caseIds.subList(0, 4);
        var handedToTheGrid = caseIds.subList(4, 8);

        // Who fires what: the dispatchers re-route (to enforcement, to housing, to the grid), the
        // lead's
        // staff of either department and the grid chief accept, and the departments send back.
        var http = java.net.http.HttpClient.newHttpClient();
        record Shot(String staffId, String path, String body) {}
        var answers = new java.util.concurrent.ConcurrentHashMap<String, java.util.List<String>>();
        try (var caseEvents = new TopicTail(KAFKA, ServiceProcess.CASE_EVENTS);
                var dispatchEvents = new TopicTail(KAFKA, ServiceProcess.DISPATCH_EVENTS)) {
            for (int round = 0; round < 6; round++) {
                var shots = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
                for (var caseId : volleyed) {
                    var base = "/api/v1/routing-decisions/" + caseId;
                    var volley =
                            java.util.List.of(
                                    new Shot(
                                            "CC-DISPATCHER-1",
                                            base + "/override",
                                            "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZJJ\",\"reason\":\"housing\"}"),
                                    new Shot(
                                            "CC-DUTY_CHIEF-1",
                                            base + "/override",
                                            "{\"mode\":\"IN_GRID\",\"reason\":\"the grid can\"}"),
                                    new Shot(
                                            "CC-DISPATCHER-2",
                                            base + "/override",
                                            "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZHZF\",\"reason\":\"enforcement\"}"),
                                    new Shot("ZHZF-1", base + "/acceptance", null),
                                    new Shot("ZJJ-1", base + "/acceptance", null),
                                    new Shot("G07-1", base + "/acceptance", null),
                                    new Shot(
                                            "ZHZF-1",
                                            base + "/send-back",
                                            "{\"reason\":\"not ours\"}"),
                                    new Shot(
                                            "ZJJ-1",
                                            base + "/send-back",
                                            "{\"reason\":\"not ours either\"}"));
                    var order = new java.util.ArrayList<>(volley);
                    java.util.Collections.shuffle(order);
                    for (var shot : order) {
                        var request =
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        dispatch.baseUrl() + shot.path()))
                                        .header(
                                                "Authorization",
                                                "Bearer " + Tokens.of(shot.staffId()))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                shot.body() == null
                                                        ? java.net.http.HttpRequest.BodyPublishers
                                                                .noBody()
                                                        : java.net.http.HttpRequest.BodyPublishers
                                                                .ofString(shot.body()))
                                        .build();
                        shots.add(
                                http.sendAsync(
                                                request,
                                                java.net.http.HttpResponse.BodyHandlers.ofString())
                                        .thenAccept(
                                                response -> {
                                                    var code =
                                                            response.statusCode() == 200
                                                                    ? ""
                                                                    : " "
                                                                            + io.restassured.path
                                                                                    .json.JsonPath
                                                                                    .from(
                                                                                            response
                                                                                                    .body())
                                                                                    .getString(
                                                                                            "code");
                                                    answers.computeIfAbsent(
                                                                    caseId,
                                                                    id ->
                                                                            java.util.Collections
                                                                                    .synchronizedList(
                                                                                            new java
                                                                                                    .util
                                                                                                    .ArrayList<>()))
                                                            .add(response.statusCode() + code);
                                                }));
                    }
                }
                java.util.concurrent.CompletableFuture.allOf(
                                shots.toArray(java.util.concurrent.CompletableFuture[]::new))
                        .join();
            }
            for (var caseId : handedToTheGrid) {
                var base = "/api/v1/routing-decisions/" + caseId;
                as("CC-DUTY_CHIEF-1")
                        .baseUri(dispatch.baseUrl())
                        .contentType(ContentType.JSON)
                        .body("{\"mode\":\"IN_GRID\",\"reason\":\"the grid can\"}")
                        .when()
                        .post(base + "/override")
                        .then()
                        .statusCode(200);
                answers.computeIfAbsent(
                                caseId,
                                id ->
                                        java.util.Collections.synchronizedList(
                                                new java.util.ArrayList<>()))
                        .add("200");
                var shots = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
                for (var shot :
                        java.util.List.of(
                                new Shot(
                                        "CC-DISPATCHER-1",
                                        base + "/override",
                                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZJJ\",\"reason\":\"housing after all\"}"),
                                new Shot(
                                        "CC-DISPATCHER-2",
                                        base + "/override",
                                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZHZF\",\"reason\":\"enforcement after all\"}"),
                                new Shot(
                                        "G07-1",
                                        base + "/send-back",
                                        "{\"reason\":\"not for the grid\"}"),
                                new Shot("G07-1", base + "/acceptance", null))) {
                    var request =
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(dispatch.baseUrl() + shot.path()))
                                    .header("Authorization", "Bearer " + Tokens.of(shot.staffId()))
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            shot.body() == null
                                                    ? java.net.http.HttpRequest.BodyPublishers
                                                            .noBody()
                                                    : java.net.http.HttpRequest.BodyPublishers
                                                            .ofString(shot.body()))
                                    .build();
                    shots.add(
                            http.sendAsync(
                                            request,
                                            java.net.http.HttpResponse.BodyHandlers.ofString())
                                    .thenAccept(
                                            response ->
                                                    answers.get(caseId)
                                                            .add(
                                                                    response.statusCode() == 200
                                                                            ? "200"
                                                                            : response.statusCode()
                                                                                    + " "
                                                                                    + io.restassured
                                                                                            .path
                                                                                            .json
                                                                                            .JsonPath
                                                                                            .from(
                                                                                                    response
                                                                                                            .body())
                                                                                            .getString(
                                                                                                    "code"))));
                }
                java.util.concurrent.CompletableFuture.allOf(
                                shots.toArray(java.util.concurrent.CompletableFuture[]::new))
                        .join();
            }

            // Every answer is a success or a refusal that says why; none is a failure of the
            // service.
            var all = answers.values().stream().flatMap(java.util.List::stream).toList();
            assertThat(all).hasSize(volleyed.size() * 6 * 8 + handedToTheGrid.size() * 5);
            assertThat(all)
                    .allSatisfy(
                            answer ->
                                    assertThat(answer)
                                            .isIn(
                                                    "200",
                                                    "403 NOT_YOUR_DEPARTMENT",
                                                    "403 NOT_YOUR_GRID",
                                                    "409 CASE_MOVED_ON",
                                                    "409 ALREADY_ACCEPTED",
                                                    "409 CONCURRENT_CHANGE"));

            // One outcome: both services agree on every one of these cases.
            Reconciled.assertNoDifference(dispatch.baseUrl(), caseIds);

            // No silent loser: every decision case-service did not follow is refused with an event
            // naming
            // it, each refusal is one of dispatch-service's events, and dispatch-service recorded
            // each one.
            int refusals = 0;
            for (var caseId : caseIds) {
                var timeline =
                        as("CC-DUTY_CHIEF-1")
                                .baseUri(cases.baseUrl())
                                .when()
                                .get("/api/v1/cases/" + caseId + "/timeline")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("action", String.class);
                var ignored =
                        timeline.stream()
                                .filter(
                                        a ->
                                                a.equals("ROUTING_IGNORED")
                                                        || a.equals("IGNORED_DEPARTMENT_ACCEPTED")
                                                        || a.equals("IGNORED_SENT_BACK"))
                                .count();
                var dispatchIds =
                        dispatchEvents.forSubject(caseId).stream()
                                .map(r -> r.event().path("id").asText())
                                .collect(java.util.stream.Collectors.toSet());
                var refused =
                        await().atMost(Duration.ofSeconds(20))
                                .until(
                                        () ->
                                                caseEvents.forSubject(caseId).stream()
                                                        .filter(
                                                                r ->
                                                                        r.event()
                                                                                .path("type")
                                                                                .asText()
                                                                                .equals(
                                                                                        CaseTypes
                                                                                                .DISPATCH_REFUSED
                                                                                                .name()))
                                                        .map(
                                                                r ->
                                                                        r.event()
                                                                                .path("data")
                                                                                .path(
                                                                                        "refusedEventId")
                                                                                .asText())
                                                        .toList(),
                                        l -> l.size() == ignored);
                assertThat(dispatchIds).containsAll(refused);
                as("CC-DISPATCHER-1")
                        .baseUri(dispatch.baseUrl())
                        .when()
                        .get("/api/v1/routing-decisions/" + caseId)
                        .then()
                        .statusCode(200)
                        .body("refusalCount", equalTo(refused.size()));
                refusals += refused.size();
                if (handedToTheGrid.contains(caseId)) {
                    // The grid has it, as case-service says: dispatch-service says so too.
                    as("CC-DISPATCHER-1")
                            .baseUri(dispatch.baseUrl())
                            .when()
                            .get("/api/v1/routing-decisions/" + caseId)
                            .then()
                            .body("departmentCode", equalTo("GRID"));
                }
            }
            System.out.printf(
                    "racing commands: %d answers %s; %d decisions refused by case-service and brought in line%n",
                    all.size(),
                    all.stream()
                            .collect(
                                    java.util.stream.Collectors.groupingBy(
                                            a -> a,
                                            java.util.TreeMap::new,
                                            java.util.stream.Collectors.counting())),
                    refusals);
            // The re-routes that landed before dispatch-service heard the grid took the case were
            // resolved by case-service, the owner, and told back.
            assertThat(refusals)
                    .as("decisions refused by case-service and brought in line")
                    .isPositive();
        }
    }

    private static io.restassured.response.Response dutyReport(
            String whistleId, String department, double lon, double lat) {
        // Each department's own staff report for duty, as themselves.
        return as(department + "-1")
                .baseUri(dispatch.baseUrl())
                .contentType(ContentType.JSON)
                .body("{\"longitude\":" + lon + ",\"latitude\":" + lat + "}")
                .when()
                .post("/api/v1/whistles/" + whistleId + "/duty-reports");
    }

    @Test
    @DisplayName("a report from outside every grid is refused with 422 naming the nearest grid")
    void reportOutsideTheTownIsRefused() {
        // A citizen's call, taken down at the command center's desk.
        as("CC-DISPATCHER-1")
                .baseUri(cases.baseUrl())
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\""
                                + UUID.randomUUID()
                                + "\",\"source\":\"CITIZEN\",\"category\":\"0102\","
                                + "\"description\":\"pothole\",\"longitude\":119.30,\"latitude\":35.004}")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(422)
                .body("code", equalTo("OUTSIDE_GRIDS"))
                .body("message", containsString("nearest"));
    }

    /**
     * A request signed in, with a real token from the stack's Keycloak, as this member of the demo
     * town's staff.
     */
    private static RequestSpecification as(String staffId) {
        return given().auth().oauth2(Tokens.of(staffId));
    }

    /** A command given by the signed-in member of staff; the body names no actor. */
    private static io.restassured.response.Response command(
            String caseId, String command, String staffId, String fields) {
        return as(staffId)
                .baseUri(cases.baseUrl())
                .contentType(ContentType.JSON)
                .body("{" + fields + "}")
                .when()
                .post("/api/v1/cases/" + caseId + "/" + command);
    }

    private static void awaitCase(String caseId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .baseUri(cases.baseUrl())
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo(status)));
    }
}
