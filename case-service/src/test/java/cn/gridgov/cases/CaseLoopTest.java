package cn.gridgov.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.dispatch.Escalated;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import cn.gridgov.kit.testing.Tokens;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The eight-step loop through the API, with dispatch-service's side played on the real Kafka topic
 * by {@link DispatchDesk}. Everyone signs in with a real token from the stack's Keycloak and acts
 * as the post grid-service gives them (the demo town's staff, served by the kit's stand-in
 * directory). grid-service is not running here: {@link StandInLocate} places points near G07's
 * centre in G07, and cases anywhere else keep no grid.
 */
@QuarkusTest
class CaseLoopTest {

    /** The smallest valid PNG, so tests upload a real image. */
    private static final byte[] PNG =
            Base64.getDecoder()
                    .decode(
                            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = CaseEvents.TOPIC_CONFIG)
    String caseEventsTopic;

    @Inject AgroalDataSource dataSource;

    @Inject Catalogue catalogue;

    private DispatchDesk dispatch;

    @BeforeEach
    void openDesk() {
        dispatch = new DispatchDesk(bootstrap);
    }

    @AfterEach
    void closeDesk() {
        dispatch.close();
    }

    @Test
    @DisplayName(
            "a missing manhole cover runs the whole loop: accepted urgent, dispatched, reworked once, closed, evaluated")
    void manholeCoverRunsTheLoop() {
        var photo = uploadPhoto();
        var caseId = report("GRID_WORKER", "G07-2", "0101", 119.165, 35.004, "井盖缺失");

        command(caseId, "accept", "CC-DUTY_CHIEF-1", "\"urgency\":\"URGENT\"")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("urgency", equalTo("URGENT"))
                .body("clock.step", equalTo("DISPATCH"))
                .body("open", equalTo(true))
                .body("phase", equalTo("ACCEPT"));

        dispatch.routed(caseId, "DEPARTMENT", "ZHZF");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZHZF");
        awaitStatus(caseId, "HANDLING");

        command(caseId, "result", "ZJJ-1", "\"note\":\"done\"")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_THE_HANDLER"));
        command(
                        caseId,
                        "result",
                        "ZHZF-1",
                        "\"note\":\"cover replaced\",\"photoIds\":[\"" + photo + "\"]")
                .then()
                .statusCode(200)
                .body("status", equalTo("RESULT_SUBMITTED"))
                .body("clock.step", equalTo("CHECK"));
        var rework = UUID.randomUUID();
        for (int attempt = 0; attempt < 2; attempt++) { // the phone resends the same check
            command(
                            caseId,
                            "check",
                            "G07-2",
                            "\"commandId\":\""
                                    + rework
                                    + "\",\"passed\":false,\"note\":\"wrong size\"")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("HANDLING"))
                    .body("record.reworkCount", equalTo(1));
        }
        command(caseId, "result", "ZHZF-1", "\"note\":\"right size fitted\"")
                .then()
                .statusCode(200);
        command(caseId, "check", "G20-2", "\"passed\":true")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_GRID"));
        command(caseId, "check", "G07-2", "\"passed\":true")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        command(caseId, "evaluation", "G07-2", "\"satisfaction\":5")
                .then()
                .statusCode(200)
                .body("status", equalTo("EVALUATED"))
                .body("satisfaction", equalTo(5))
                .body("open", equalTo(false))
                .body("phase", equalTo("EVALUATE"));

        // Status changes only: a dispatch-service running beside the tests may add notes of its
        // own.
        as("G07-2")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.fromStatus != it.toStatus }.action",
                        contains(
                                "REPORTED",
                                "VERIFIED",
                                "ACCEPTED",
                                "DISPATCHED",
                                "DEPARTMENT_ACCEPTED",
                                "RESULT_SUBMITTED",
                                "REWORK",
                                "RESULT_SUBMITTED",
                                "CLOSED",
                                "EVALUATED"))
                .body("find { it.action == 'RESULT_SUBMITTED' }.photoIds", contains(photo))
                .body("find { it.action == 'RESULT_SUBMITTED' }.departmentCode", equalTo("ZHZF"))
                // Who acted, as their tokens and posts say: nobody stated it in a body.
                .body("find { it.action == 'REPORTED' }.staffId", equalTo("G07-2"))
                .body("find { it.action == 'REPORTED' }.role", equalTo("GRID_WORKER"))
                .body("find { it.action == 'ACCEPTED' }.staffId", equalTo("CC-DUTY_CHIEF-1"))
                .body("find { it.action == 'ACCEPTED' }.role", equalTo("DUTY_CHIEF"))
                .body("find { it.action == 'ACCEPTED' }.departmentCode", equalTo("CC"))
                .body("find { it.action == 'RESULT_SUBMITTED' }.staffId", equalTo("ZHZF-1"))
                .body("find { it.action == 'RESULT_SUBMITTED' }.role", equalTo("DEPARTMENT_STAFF"))
                .body("find { it.action == 'CLOSED' }.staffId", equalTo("G07-2"))
                .body("find { it.action == 'EVALUATED' }.role", equalTo("REPORTER"));
        as("CC-SUPERVISOR-1")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline/verification")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    @DisplayName(
            "a command from the wrong step is a 409 that says where the case is, the wrong role a 403, and a grid worker of another grid a 403")
    void wrongStepAndWrongRoleAreRefused() {
        // A citizen's report taken down at the command center's desk, in G07.
        var caseId =
                report("CITIZEN", "CC-DISPATCHER-1", "0104", 119.166, 35.005, "street vending");

        command(caseId, "accept", "CC-DUTY_CHIEF-1", "")
                .then()
                .statusCode(409)
                .body("code", equalTo("WRONG_STEP"))
                .body("message", containsString("REPORTED"));
        command(caseId, "verify", "CC-DUTY_CHIEF-1", "")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_NOT_ALLOWED"));
        command(caseId, "verify", "G20-2", "")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_GRID"))
                .body("message", containsString("G07"));
        command(caseId, "verify", "G07-2", "")
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));
    }

    @Test
    @DisplayName(
            "a department's send-back returns the case to dispatch and counts against accurate dispatch")
    void sendBackReturnsTheCase() {
        var caseId = acceptedCase("0501");
        dispatch.routed(caseId, "DEPARTMENT", "JD-S1");
        awaitStatus(caseId, "DISPATCHED");

        dispatch.sentBack(
                caseId, "JD-S1", "licences of companies belong to the district market regulator");
        awaitStatus(caseId, "ACCEPTED");
        dispatch.routed(caseId, "DEPARTMENT", "SCJG");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo("DISPATCHED"))
                                        .body("routing.departmentCode", equalTo("SCJG"))
                                        .body("record.sendBackCount", equalTo(1)));
    }

    @Test
    @DisplayName(
            "a dispute routed to the grid is handled there, and its grid chief submits the result")
    void solvedInTheGrid() {
        var caseId = acceptedCase("0201");
        dispatch.routed(caseId, "IN_GRID", "GRID");
        awaitStatus(caseId, "HANDLING");

        command(caseId, "result", "ZHZF-1", "\"note\":\"settled\"")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_THE_HANDLER"));
        command(caseId, "result", "G20-1", "\"note\":\"settled\"")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_THE_HANDLER"));
        command(caseId, "result", "G07-1", "\"note\":\"settled on the spot\"")
                .then()
                .statusCode(200)
                .body("handlerKind", equalTo("GRID"));
    }

    @Test
    @DisplayName(
            "an approved extension moves the deadline and turns the case green; a refused one leaves it")
    void extensionNeedsApproval() {
        var caseId = acceptedCase("0102");
        dispatch.routed(caseId, "DEPARTMENT", "ZJJ");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZJJ");
        awaitStatus(caseId, "HANDLING");
        String dueBefore =
                as("ZJJ-1")
                        .when()
                        .get("/api/v1/cases/" + caseId)
                        .then()
                        .extract()
                        .path("clock.dueAt");

        String refused =
                command(
                                caseId,
                                "extension-requests",
                                "ZJJ-1",
                                "\"hours\":8,\"note\":\"asphalt plant closed\"")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("id");
        command(
                        caseId,
                        "approval-requests/" + refused + "/decision",
                        "CC-SUPERVISOR-1",
                        "\"approved\":false")
                .then()
                .statusCode(200)
                .body("clock.dueAt", equalTo(dueBefore));

        String approved =
                command(
                                caseId,
                                "extension-requests",
                                "ZJJ-1",
                                "\"hours\":16,\"note\":\"asphalt plant closed for two days\"")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("id");
        // The request waits on the supervisors' desk with its case, until it is decided.
        as("CC-SUPERVISOR-1")
                .when()
                .get("/api/v1/approval-requests")
                .then()
                .statusCode(200)
                .body("find { it.requestId == '" + approved + "' }.kind", equalTo("EXTENSION"))
                .body("find { it.requestId == '" + approved + "' }.hours", equalTo(16.0f))
                .body("find { it.requestId == '" + approved + "' }.requestedBy", equalTo("ZJJ-1"))
                .body("find { it.requestId == '" + approved + "' }.caseStatus", equalTo("HANDLING"))
                .body("find { it.requestId == '" + approved + "' }.stepDueAt", equalTo(dueBefore))
                .body("find { it.requestId == '" + refused + "' }", nullValue());
        command(caseId, "approval-requests/" + approved + "/decision", "ZJJ-1", "\"approved\":true")
                .then()
                .statusCode(403);
        String dueAfter =
                command(
                                caseId,
                                "approval-requests/" + approved + "/decision",
                                "CC-SUPERVISOR-1",
                                "\"approved\":true")
                        .then()
                        .statusCode(200)
                        .body("clock.color", equalTo("GREEN"))
                        .extract()
                        .path("clock.dueAt");

        assertThat(Instant.parse(dueAfter)).isAfter(Instant.parse(dueBefore));
        as("CC-SUPERVISOR-1")
                .when()
                .get("/api/v1/approval-requests")
                .then()
                .statusCode(200)
                .body("find { it.requestId == '" + approved + "' }", nullValue());

        String second =
                command(caseId, "extension-requests", "ZJJ-1", "\"hours\":8,\"note\":\"rain\"")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("id");
        String dueFinally =
                command(
                                caseId,
                                "approval-requests/" + second + "/decision",
                                "CC-SUPERVISOR-1",
                                "\"approved\":true")
                        .then()
                        .statusCode(200)
                        .body("clock.color", equalTo("GREEN"))
                        .extract()
                        .path("clock.dueAt");
        assertThat(Instant.parse(dueFinally)).isAfter(Instant.parse(dueAfter));
    }

    @Test
    @DisplayName(
            "after an approved extension the case turns yellow at 80% of its new limit in working time, never in a night or a weekend")
    void extendedWarningFallsInWorkingTime() {
        var caseId = acceptedCase("0102"); // its HANDLE limit is counted in working hours
        dispatch.routed(caseId, "DEPARTMENT", "ZJJ");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZJJ");
        awaitStatus(caseId, "HANDLING");
        String request =
                command(
                                caseId,
                                "extension-requests",
                                "ZJJ-1",
                                "\"hours\":13,\"note\":\"parts on order\"")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("id");

        var clock =
                command(
                                caseId,
                                "approval-requests/" + request + "/decision",
                                "CC-SUPERVISOR-1",
                                "\"approved\":true")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();

        var calendar = catalogue.calendar();
        var started = Instant.parse(clock.getString("clock.startedAt"));
        var warn = Instant.parse(clock.getString("clock.warnAt"));
        var due = Instant.parse(clock.getString("clock.dueAt"));
        var allowed = calendar.workingTimeBetween(started, due);
        // The minute before the warning is office time, and the warning comes after 80% of the
        // working time allowed.
        assertThat(calendar.workingTimeBetween(warn.minusSeconds(60), warn))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(calendar.workingTimeBetween(started, warn).toMillis())
                .isCloseTo(
                        allowed.toMillis() * 4 / 5, org.assertj.core.api.Assertions.within(1_000L));
    }

    @Test
    @DisplayName(
            "an approved parking waits for its review day: the case keeps a REVIEW clock due that morning, and resumes with a fresh handling clock")
    void parkedCaseComesBackOnItsReviewDay() {
        var caseId = acceptedCase("0102");
        dispatch.routed(caseId, "DEPARTMENT", "ZJJ");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZJJ");
        awaitStatus(caseId, "HANDLING");
        var zone = catalogue.calendar().zone();
        var today = java.time.LocalDate.now(zone);

        command(caseId, "parking-requests", "ZJJ-1", "\"note\":\"waits for the road works\"")
                .then()
                .statusCode(400)
                .body("code", equalTo("REVIEW_DATE"))
                .body("field", equalTo("reviewOn"));
        command(
                        caseId,
                        "parking-requests",
                        "ZJJ-1",
                        "\"note\":\"waits\",\"reviewOn\":\"" + today + "\"")
                .then()
                .statusCode(400)
                .body("code", equalTo("REVIEW_DATE"));
        var reviewOn = today.plusDays(30);
        String request =
                command(
                                caseId,
                                "parking-requests",
                                "ZJJ-1",
                                "\"note\":\"waits for the road works\",\"reviewOn\":\""
                                        + reviewOn
                                        + "\"")
                        .then()
                        .statusCode(200)
                        .body("kind", equalTo("PARKING"))
                        .body("reviewOn", equalTo(reviewOn.toString()))
                        .extract()
                        .path("id");

        command(
                        caseId,
                        "approval-requests/" + request + "/decision",
                        "CC-SUPERVISOR-1",
                        "\"approved\":true")
                .then()
                .statusCode(200)
                .body("status", equalTo("PARKED"))
                .body("open", equalTo(true))
                .body("clock.step", equalTo("REVIEW"))
                .body("clock.dueAt", equalTo(reviewOn.atStartOfDay(zone).toInstant().toString()));
        command(caseId, "extension-requests", "ZJJ-1", "\"hours\":8,\"note\":\"more\"")
                .then()
                .statusCode(409)
                .body("code", equalTo("WRONG_STEP"));

        command(caseId, "resume", "CC-SUPERVISOR-1", "")
                .then()
                .statusCode(200)
                .body("status", equalTo("HANDLING"))
                .body("clock.step", equalTo("HANDLE"))
                .body("record.overdueSteps", equalTo(0));
    }

    @Test
    @DisplayName(
            "跟踪督办 is on the case: the clock's urge, a leader's urge, a whistle and an escalation show on its timeline and in its record of supervision")
    void supervisionIsOnTheCase() {
        var caseId = acceptedCase("0102");
        dispatch.routed(caseId, "DEPARTMENT", "ZJJ");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZJJ");
        awaitStatus(caseId, "HANDLING");
        var whistleId = UUID.randomUUID();

        dispatch.slaWarning(caseId, "HANDLE", "YELLOW", "URGE", 1);
        dispatch.publish(
                caseId,
                DispatchTypes.WHISTLE_BLOWN,
                new WhistleBlown(
                        whistleId,
                        UUID.fromString(caseId),
                        "ROUTINE",
                        List.of("ZJJ"),
                        Instant.now().plus(Duration.ofMinutes(30)),
                        "G07-1",
                        new cn.gridgov.contracts.Actor("G07-1", "GRID_CHIEF", "GRID")));
        dispatch.publish(
                caseId,
                DispatchTypes.ESCALATED,
                new Escalated(
                        UUID.fromString(caseId),
                        whistleId,
                        "ZJJ",
                        1,
                        "SUPERVISOR",
                        "ZJJ did not report by the deadline"));
        command(caseId, "urges", "G07-2", "\"note\":\"hurry\"")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_NOT_ALLOWED"));
        command(caseId, "urges", "CC-LEADER-1", "")
                .then()
                .statusCode(400)
                .body("code", equalTo("NOTE_REQUIRED"));
        command(caseId, "urges", "CC-LEADER-1", "\"note\":\"the school opens on Monday\"")
                .then()
                .statusCode(200)
                .body("status", equalTo("HANDLING"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("ZJJ-1")
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("supervision.level", equalTo(1))
                                        .body("supervision.urged", equalTo(2))
                                        .body("supervision.whistles", equalTo(1))
                                        .body("supervision.whistlesOpen", equalTo(1))
                                        .body("supervision.escalations", equalTo(1))
                                        .body("supervision.lastAt", not(equalTo(null))));
        as("ZJJ-1")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline")
                .then()
                .body("findAll { it.action == 'URGED' }.role", hasItem("LEADER"))
                .body("action", hasItem("WHISTLE_BLOWN"))
                .body("action", hasItem("ESCALATED"));
    }

    @Test
    @DisplayName(
            "commands given at the same moment are applied together, each as if alone: a refused one among"
                    + " them answers its own caller only, and every timeline still verifies")
    void commandsTogetherAreEachAppliedAsIfAlone() throws Exception {
        var caseIds = new java.util.ArrayList<String>();
        for (int i = 0; i < 8; i++) {
            caseIds.add(
                    report(
                            "GRID_WORKER",
                            "G07-2",
                            "0101",
                            119.162 + Math.random() / 200,
                            35.002 + Math.random() / 200,
                            "one of eight"));
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var base = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        java.util.function.BiFunction<
                        String, String, java.util.concurrent.CompletableFuture<Integer>>
                post =
                        (path, staff) ->
                                http.sendAsync(
                                                java.net.http.HttpRequest.newBuilder(
                                                                java.net.URI.create(base + path))
                                                        .header(
                                                                "Authorization",
                                                                "Bearer " + Tokens.of(staff))
                                                        .header("Content-Type", "application/json")
                                                        .POST(
                                                                java.net.http.HttpRequest
                                                                        .BodyPublishers.ofString(
                                                                        "{\"passed\":true}"))
                                                        .build(),
                                                java.net.http.HttpResponse.BodyHandlers
                                                        .discarding())
                                        .thenApply(java.net.http.HttpResponse::statusCode);
        Tokens.of("CC-DUTY_CHIEF-1");
        Tokens.of("G07-2");
        var accepts =
                caseIds.stream()
                        .map(id -> post.apply("/api/v1/cases/" + id + "/accept", "CC-DUTY_CHIEF-1"))
                        .toList();
        // A check of a case that is only accepted is the wrong step.
        var wrongStep = post.apply("/api/v1/cases/" + caseIds.get(3) + "/check", "G07-2");

        assertThat(accepts.stream().map(java.util.concurrent.CompletableFuture::join))
                .containsOnly(200);
        assertThat(wrongStep.join()).isEqualTo(409);
        for (var caseId : caseIds) {
            as("CC-SUPERVISOR-1")
                    .when()
                    .get("/api/v1/cases/" + caseId)
                    .then()
                    .body("status", equalTo("ACCEPTED"));
            as("CC-SUPERVISOR-1")
                    .when()
                    .get("/api/v1/cases/" + caseId + "/timeline/verification")
                    .then()
                    .body("valid", equalTo(true));
        }
    }

    @Test
    @DisplayName(
            "a burst of SLA warnings never holds up routing: a case is routed while the warnings before it"
                    + " wait on a case that cannot be written, and they are all applied once it can")
    void routingIsNotStarvedBehindABurstOfWarnings() throws Exception {
        var warned = acceptedCase("0102");
        dispatch.routed(warned, "DEPARTMENT", "ZJJ");
        awaitStatus(warned, "DISPATCHED");
        dispatch.departmentAccepted(warned, "ZJJ");
        awaitStatus(warned, "HANDLING");
        int burst = 300;
        try (var connection = dataSource.getConnection()) {
            // Nothing can write the warned case while this transaction holds its row, so its
            // warnings wait: a routing that queued behind them would wait with them.
            connection.setAutoCommit(false);
            try (var lock =
                    connection.prepareStatement("select 1 from cases where id = ? for update")) {
                lock.setObject(1, UUID.fromString(warned));
                lock.executeQuery().close();
            }
            for (int i = 0; i < burst; i++) {
                dispatch.slaWarning(warned, "HANDLE", "YELLOW", "URGE", 1);
            }
            var routed = acceptedCase("0102");
            dispatch.routed(routed, "DEPARTMENT", "ZJJ");
            awaitStatus(routed, "DISPATCHED");
            as("CC-DUTY_CHIEF-1")
                    .when()
                    .get("/api/v1/cases/" + warned)
                    .then()
                    .body("supervision.urged", equalTo(0));
            connection.rollback();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .when()
                                        .get("/api/v1/cases/" + warned)
                                        .then()
                                        .body("supervision.urged", equalTo(burst))
                                        .body("supervision.level", equalTo(1)));
    }

    @Test
    @DisplayName(
            "a grid worker's report, verified as it arrives, may still be merged into an open duplicate; an accepted case may not be merged away")
    void verifiedReportIsMerged() {
        var lon = 100 + Math.random() * 20;
        var lat = 20 + Math.random() * 20;
        var first = report("HOTLINE", "CC-DISPATCHER-1", "0102", lon, lat, "pothole");
        var second =
                report(
                        "GRID_WORKER",
                        "G07-2",
                        "0102",
                        lon + 0.0001,
                        lat,
                        "pothole, seen on patrol");
        as("G07-2")
                .when()
                .get("/api/v1/cases/" + second)
                .then()
                .body("status", equalTo("VERIFIED"));

        command(second, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"" + first + "\"")
                .then()
                .statusCode(200)
                .body("status", equalTo("MERGED"))
                .body("open", equalTo(false));

        var accepted = acceptedCase("0104");
        command(
                        report("GRID_WORKER", "G07-2", "0104", 119.163, 35.003, "again"),
                        "merge",
                        "CC-DUTY_CHIEF-1",
                        "\"intoCase\":\"" + accepted + "\"")
                .then()
                .statusCode(200);
        command(accepted, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"" + first + "\"")
                .then()
                .statusCode(409)
                .body("code", equalTo("WRONG_STEP"));
    }

    @Test
    @DisplayName(
            "a dispatcher's re-route to the grid before the department accepted hands the case to the grid")
    void rerouteToTheGrid() {
        var caseId = acceptedCase("0104");
        dispatch.routed(caseId, "DEPARTMENT", "ZHZF");
        awaitStatus(caseId, "DISPATCHED");

        dispatch.routed(caseId, "IN_GRID", "GRID");

        awaitStatus(caseId, "HANDLING");
        as("G07-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .body("handlerKind", equalTo("GRID"))
                .body("routing.departmentCode", equalTo("GRID"));
        command(caseId, "result", "G07-1", "\"note\":\"cleared\"").then().statusCode(200);
    }

    @Test
    @DisplayName(
            "a second report of the same pothole lists the first as a duplicate; merged, its reporter follows the first case")
    void duplicateIsMerged() {
        // A spot of its own, so open cases left by earlier runs are not nearer candidates.
        var lon = 100 + Math.random() * 20;
        var lat = 20 + Math.random() * 20;
        var first = report("HOTLINE", "CC-DISPATCHER-1", "0102", lon, lat, "pothole");
        var secondReportId = UUID.randomUUID();
        var second =
                as("CC-DISPATCHER-2")
                        .contentType(ContentType.JSON)
                        .body(
                                reportBody(
                                        secondReportId,
                                        "HOTLINE",
                                        "0102",
                                        lon + 0.0002,
                                        lat + 0.0001,
                                        "a hole in the road"))
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("possibleDuplicates.caseId", hasItem(first))
                        .extract()
                        .<String>path("id");

        try (var caseEvents = new TopicTail(bootstrap, caseEventsTopic)) {
            command(second, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"" + first + "\"")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("MERGED"))
                    .body("mergedInto", equalTo(first));

            var told =
                    await().atMost(Duration.ofSeconds(20))
                            .until(
                                    () ->
                                            caseEvents.forSubject(second).stream()
                                                    .filter(
                                                            r ->
                                                                    r.event()
                                                                            .path("type")
                                                                            .asText()
                                                                            .equals(
                                                                                    CaseTypes
                                                                                            .REPORTER_NOTIFIED
                                                                                            .name()))
                                                    .toList(),
                                    list -> !list.isEmpty());
            assertThat(told.get(0).event().path("data").path("reportIds").toString())
                    .contains(secondReportId.toString());
            assertThat(told.get(0).event().path("data").path("message").asText()).contains("并入");
        }

        as("CC-DISPATCHER-2")
                .when()
                .get("/api/v1/cases/by-report/" + secondReportId)
                .then()
                .statusCode(200)
                .body("id", equalTo(first));
        command(second, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"" + second + "\"")
                .then()
                .statusCode(400)
                .body("code", equalTo("MERGE_INTO_ITSELF"));
    }

    @Test
    @DisplayName("a dispatch event delivered twice is applied once")
    void redeliveredEventIsAppliedOnce() {
        var caseId = acceptedCase("0501");
        dispatch.routed(caseId, "DEPARTMENT", "SCJG");
        awaitStatus(caseId, "DISPATCHED");
        var data = DispatchDesk.sentBackData(caseId, "SCJG", "not ours");
        var eventId = UUID.randomUUID().toString();

        dispatch.publishAs(eventId, caseId, DispatchTypes.SENT_BACK, data);
        dispatch.publishAs(eventId, caseId, DispatchTypes.SENT_BACK, data);
        dispatch.slaWarning(
                caseId,
                "DISPATCH",
                "YELLOW",
                "URGE",
                1); // a later event, to know both copies were consumed

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .when()
                                        .get("/api/v1/cases/" + caseId + "/timeline")
                                        .then()
                                        .body("action", hasItem("URGED")));
        as("CC-DUTY_CHIEF-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .body("record.sendBackCount", equalTo(1))
                .body("status", equalTo("ACCEPTED"));
    }

    @Test
    @DisplayName("editing a timeline entry in the database is detected by verification")
    void tamperingIsDetected() throws Exception {
        var caseId =
                report("GRID_WORKER", "G07-2", "0104", 119.133, 35.013, "stall on the pavement");
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.executeUpdate(
                    "update case_timeline set note = 'nothing here' where case_id = '"
                            + caseId
                            + "' and seq = 1");
        }

        as("CC-SUPERVISOR-1")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline/verification")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("brokenAtSeq", equalTo(1));
    }

    @Test
    @DisplayName(
            "photos are kept once by content; anything that is not an image, or too large, is refused")
    void photosAreChecked() {
        var first = uploadPhoto();
        assertThat(uploadPhoto()).isEqualTo(first);
        var oversized = java.util.Arrays.copyOf(PNG, 65_537); // tests allow 64 KiB
        as("G07-2")
                .multiPart("file", "huge.png", oversized, "image/png")
                .when()
                .post("/api/v1/photos")
                .then()
                .statusCode(413)
                .body("code", equalTo("PHOTO_TOO_LARGE"));
        as("G07-2")
                .multiPart("file", "notes.txt", "just text".getBytes(), "image/png")
                .when()
                .post("/api/v1/photos")
                .then()
                .statusCode(415)
                .body("code", equalTo("NOT_AN_IMAGE"));
        command(
                        report("GRID_WORKER", "G07-2", "0104", 119.134, 35.014, "x"),
                        "verify",
                        "G07-2",
                        "\"photoIds\":[\"" + UUID.randomUUID() + "\"]")
                .then()
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_PHOTO"));
    }

    @Test
    @DisplayName(
            "the catalogue is served with each item's time limits to anyone signed in; only an administrator edits it, and an edit without every limit is refused")
    void catalogueIsEditable() {
        as("G07-2")
                .when()
                .get("/api/v1/categories/0101")
                .then()
                .statusCode(200)
                .body("name", equalTo("井盖缺失"))
                .body("timeLimits.URGENT.HANDLE", equalTo("2wh"));
        as("CC-DUTY_CHIEF-1")
                .contentType(ContentType.JSON)
                .body(
                        "{\"sectionCode\":\"01\",\"name\":\"窨井异味\",\"defaultUrgency\":\"NORMAL\",\"timeLimits\":{\"NORMAL\":{\"HANDLE\":\"8wh\"}}}")
                .when()
                .put("/api/v1/categories/0199")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as("CC-ADMIN-1")
                .contentType(ContentType.JSON)
                .body(
                        "{\"sectionCode\":\"01\",\"name\":\"窨井异味\",\"defaultUrgency\":\"NORMAL\",\"timeLimits\":{\"NORMAL\":{\"HANDLE\":\"8wh\"}}}")
                .when()
                .put("/api/v1/categories/0199")
                .then()
                .statusCode(400)
                .body("code", equalTo("TIME_LIMIT_MISSING"));
        as("G07-2").when().get("/api/v1/categories").then().body("code", not(hasItem("0199")));
    }

    /** A case reported by G07's grid worker somewhere in G07, accepted by the duty chief. */
    private String acceptedCase(String category) {
        var caseId =
                report(
                        "GRID_WORKER",
                        "G07-2",
                        category,
                        119.162 + Math.random() / 200,
                        35.002 + Math.random() / 200,
                        "case of " + category);
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        return caseId;
    }

    /** A report sent by the signed-in reporter. */
    private String report(
            String source,
            String reporter,
            String category,
            double lon,
            double lat,
            String description) {
        return as(reporter)
                .contentType(ContentType.JSON)
                .body(reportBody(UUID.randomUUID(), source, category, lon, lat, description))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String reportBody(
            UUID reportId,
            String source,
            String category,
            double lon,
            double lat,
            String description) {
        return "{\"reportId\":\"%s\",\"source\":\"%s\",\"category\":\"%s\",\"description\":\"%s\",\"longitude\":%s,\"latitude\":%s}"
                .formatted(reportId, source, category, description, lon, lat);
    }

    /** A request signed in as this member of the demo town's staff. */
    static RequestSpecification as(String staffId) {
        return given().auth().oauth2(Tokens.of(staffId));
    }

    /** A command given by the signed-in member of staff; the body names no actor. */
    static io.restassured.response.Response command(
            String caseId, String command, String staffId, String fields) {
        return as(staffId)
                .contentType(ContentType.JSON)
                .body("{" + fields + "}")
                .when()
                .post("/api/v1/cases/" + caseId + "/" + command);
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo(status)));
    }

    private static String uploadPhoto() {
        return as("G07-2")
                .multiPart("file", "cover.png", PNG, "image/png")
                .when()
                .post("/api/v1/photos")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)))
                .extract()
                .path("id");
    }
}
