package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static cn.gridgov.kit.testing.AccessMatrix.ANONYMOUS;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.ALLOWED;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.FORBIDDEN;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.UNAUTHENTICATED;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.AccessMatrix;
import cn.gridgov.kit.testing.StandInGridService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, every endpoint of case-service's OpenAPI document × anonymous, a grid worker
 * in and out of the case's grid, the grid chief, the staff of the handling department and of
 * another, the dispatcher, the duty chief, the supervisor, the leader and the administrator.
 *
 * <p>The commands are tried on one finished case (reported by G07's grid worker in G07, led by the
 * comprehensive enforcement bureau ZHZF, closed and evaluated): an allowed caller reaches the
 * command and is told it is in the wrong step (409) or given an unknown request (404), so trying
 * the matrix changes no case; a refused one gets 403 naming the rule.
 *
 * <p>The stand-ins for grid-service are registered here, once for every test of the module.
 */
@QuarkusTest
@QuarkusTestResource(value = StandInGridService.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StandInLocate.class, restrictToAnnotatedClass = false)
class AccessMatrixTest {

    private static final String WORKER = "G07-2";
    private static final String OTHER_WORKER = "G20-2";
    private static final String CHIEF = "G07-1";
    private static final String HANDLER = "ZHZF-1";
    private static final String OTHER_DEPARTMENT = "ZJJ-1";
    private static final String DISPATCHER = "CC-DISPATCHER-1";
    private static final String DUTY_CHIEF = "CC-DUTY_CHIEF-1";
    private static final String SUPERVISOR = "CC-SUPERVISOR-1";
    private static final String LEADER = "CC-LEADER-1";
    private static final String ADMIN = "CC-ADMIN-1";

    /** A dispatcher of the neighbouring district (D02): the wrong district for the cases of G07. */
    private static final String OTHER_DISTRICT_DISPATCHER = "D02-DISPATCHER-1";

    private static final String[] EVERYONE = {
        WORKER,
        OTHER_WORKER,
        CHIEF,
        HANDLER,
        OTHER_DEPARTMENT,
        DISPATCHER,
        DUTY_CHIEF,
        SUPERVISOR,
        LEADER,
        ADMIN,
        OTHER_DISTRICT_DISPATCHER
    };

    /** Staff of a department the finished case is not with (market regulation). */
    private static final String UNCONCERNED_DEPARTMENT = "SCJG-1";

    /**
     * Who reads the finished case of G07 led by ZHZF and co-handled by ZJJ: its grid's staff (its
     * reporter among them), its departments', and the command center, supervisors, leaders and
     * administrators, every district's.
     */
    private static final String[] READERS_OF_THE_CASE = {
        WORKER,
        CHIEF,
        HANDLER,
        OTHER_DEPARTMENT,
        DISPATCHER,
        DUTY_CHIEF,
        SUPERVISOR,
        LEADER,
        ADMIN,
        OTHER_DISTRICT_DISPATCHER
    };

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName(
            "every endpoint answers each caller as the access matrix says, and the matrix covers exactly the documented endpoints")
    void accessMatrix() {
        var c = finishedCase();
        var cases = "/api/v1/cases/" + c;
        var matrix = new AccessMatrix();

        // Reports: grid staff report anywhere (通办), the command center by hotline; departments,
        // supervisors,
        // leaders and administrators do not report. An unknown category is refused after the check:
        // nothing is written.
        matrix.row("POST", "/api/v1/reports", "/api/v1/reports", report("GRID_WORKER"))
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, WORKER, OTHER_WORKER, CHIEF)
                .expect(
                        FORBIDDEN,
                        HANDLER,
                        OTHER_DEPARTMENT,
                        DISPATCHER,
                        DUTY_CHIEF,
                        SUPERVISOR,
                        LEADER,
                        ADMIN,
                        OTHER_DISTRICT_DISPATCHER);
        matrix.row("POST", "/api/v1/reports", "/api/v1/reports", report("HOTLINE"))
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, OTHER_DISTRICT_DISPATCHER)
                .expect(
                        FORBIDDEN,
                        WORKER,
                        OTHER_WORKER,
                        CHIEF,
                        HANDLER,
                        OTHER_DEPARTMENT,
                        SUPERVISOR,
                        LEADER,
                        ADMIN);

        // The case search: everyone here holds a post, so everyone searches, each within their
        // scope (which cases
        // each finds is CaseSearchTest's); another service's token holds none and is refused there.
        matrix.row("GET", "/api/v1/cases", "/api/v1/cases?limit=1", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, EVERYONE);

        // On-site tasks and their grids' outlines: grid workers and grid chiefs, each for the grids
        // of their posts
        // (which cases each finds is MyTasksTest's); nobody else holds a grid post that verifies
        // and checks.
        matrix.row("GET", "/api/v1/my-tasks", "/api/v1/my-tasks", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, WORKER, OTHER_WORKER, CHIEF)
                .expect(
                        FORBIDDEN,
                        HANDLER,
                        OTHER_DEPARTMENT,
                        DISPATCHER,
                        DUTY_CHIEF,
                        SUPERVISOR,
                        LEADER,
                        ADMIN);
        matrix.row("GET", "/api/v1/my-grids", "/api/v1/my-grids", null)
                .accept("application/geo+json")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, WORKER, OTHER_WORKER, CHIEF)
                .expect(
                        FORBIDDEN,
                        HANDLER,
                        OTHER_DEPARTMENT,
                        DISPATCHER,
                        DUTY_CHIEF,
                        SUPERVISOR,
                        LEADER,
                        ADMIN);

        // Reads of one case: those the read rule lets read it (a grid worker of another grid and a
        // department the case is not with are refused, NOT_YOUR_CASE); an unknown report or photo
        // is a 404 whoever asks. The desk's work (Open311 requests given by address alone) is any
        // district's dispatcher's.
        readableByItsReaders(matrix, "/api/v1/cases/{ref}", cases);
        readableByItsReaders(
                matrix,
                "/api/v1/cases/by-report/{reportId}",
                "/api/v1/cases/by-report/" + finishedReport);
        readableBySignedIn(
                matrix,
                "GET",
                "/api/v1/cases/by-report/{reportId}",
                "/api/v1/cases/by-report/" + UUID.randomUUID());
        readableByItsReaders(matrix, "/api/v1/cases/{ref}/timeline", cases + "/timeline");
        readableByItsReaders(
                matrix,
                "/api/v1/cases/{ref}/timeline/verification",
                cases + "/timeline/verification");
        readableBySignedIn(
                matrix, "GET", "/api/v1/photos/{id}", "/api/v1/photos/" + UUID.randomUUID());
        // An empty multipart body: refused for want of a token, or for want of a file once signed
        // in.
        matrix.row("POST", "/api/v1/photos", "/api/v1/photos", "--gridgov--\r\n")
                .contentType("multipart/form-data; boundary=gridgov")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, EVERYONE);
        readableBySignedIn(matrix, "GET", "/api/v1/categories", "/api/v1/categories");
        readableBySignedIn(matrix, "GET", "/api/v1/categories/{code}", "/api/v1/categories/0101");
        readableBySignedIn(matrix, "GET", "/api/v1/calendar", "/api/v1/calendar");

        // Commands, on the finished case.
        commandRow(matrix, "verify", "{}", WORKER, CHIEF);
        commandRow(matrix, "reject", "{\"note\":\"not real\"}", WORKER, CHIEF, DUTY_CHIEF);
        commandRow(matrix, "merge", "{\"intoCase\":\"" + c + "\"}", WORKER, CHIEF, DUTY_CHIEF);
        commandRow(matrix, "accept", "{}", DISPATCHER, DUTY_CHIEF);
        commandRow(matrix, "result", "{\"note\":\"done again\"}", HANDLER);
        commandRow(matrix, "check", "{\"passed\":true}", WORKER, CHIEF);
        commandRow(
                matrix,
                "extension-requests",
                "{\"hours\":8,\"note\":\"more time\"}",
                HANDLER,
                DUTY_CHIEF);
        commandRow(
                matrix,
                "parking-requests",
                "{\"note\":\"waiting for the court\",\"reviewOn\":\""
                        + java.time.LocalDate.now().plusDays(30)
                        + "\"}",
                HANDLER,
                DUTY_CHIEF);
        matrix.row(
                        "POST",
                        "/api/v1/cases/{ref}/approval-requests/{requestId}/decision",
                        cases + "/approval-requests/" + UUID.randomUUID() + "/decision",
                        "{\"approved\":true}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, SUPERVISOR, LEADER);
        commandRow(matrix, "resume", "{}", SUPERVISOR, LEADER, DUTY_CHIEF);
        commandRow(
                matrix,
                "urges",
                "{\"note\":\"hurry\"}",
                DISPATCHER,
                DUTY_CHIEF,
                SUPERVISOR,
                LEADER);
        // The reporter (G07's grid worker) and the duty chief evaluate.
        commandRow(matrix, "evaluation", "{\"satisfaction\":4}", WORKER, DUTY_CHIEF);

        // The catalogue and the calendar: administrators alone edit. The item lacks a time limit,
        // so even the
        // administrator's edit is refused after the check; the day is far off and removed again.
        matrix.row(
                        "PUT",
                        "/api/v1/categories/{code}",
                        "/api/v1/categories/0199",
                        "{\"sectionCode\":\"01\",\"name\":\"窨井异味\",\"defaultUrgency\":\"NORMAL\",\"timeLimits\":{\"NORMAL\":{\"HANDLE\":\"8wh\"}}}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);
        matrix.row(
                        "PUT",
                        "/api/v1/calendar/{day}",
                        "/api/v1/calendar/2199-01-02",
                        "{\"working\":false,\"name\":\"matrix\"}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);
        matrix.row("DELETE", "/api/v1/calendar/{day}", "/api/v1/calendar/2199-01-02", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);

        // Open311 api keys: administrators alone. The administrator's new key is for a client named
        // as such;
        // the key revoked is one that does not exist (404 once through).
        matrix.row(
                        "POST",
                        "/api/v1/open311-keys",
                        "/api/v1/open311-keys",
                        "{\"clientName\":\"access matrix\"}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);
        matrix.row("GET", "/api/v1/open311-keys", "/api/v1/open311-keys", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);
        matrix.row(
                        "DELETE",
                        "/api/v1/open311-keys/{id}",
                        "/api/v1/open311-keys/" + UUID.randomUUID(),
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);

        // Parked events (service-kit's parking): the administrator's alone; ones that do not exist,
        // nothing replayed.
        for (var parked :
                new String[][] {
                    {
                        "GET",
                        "/api/v1/parked-events",
                        "/api/v1/parked-events?subject=" + UUID.randomUUID()
                    },
                    {
                        "POST",
                        "/api/v1/parked-events/{id}/replay",
                        "/api/v1/parked-events/" + Long.MAX_VALUE + "/replay"
                    },
                    {
                        "POST",
                        "/api/v1/parked-events/{id}/discard",
                        "/api/v1/parked-events/" + Long.MAX_VALUE + "/discard"
                    },
                    {
                        "POST",
                        "/api/v1/parked-events/subjects/{subject}/replay",
                        "/api/v1/parked-events/subjects/" + UUID.randomUUID() + "/replay"
                    }
                }) {
            matrix.row(parked[0], parked[1], parked[2], null)
                    .expect(ANONYMOUS, UNAUTHENTICATED)
                    .expect(FORBIDDEN, EVERYONE)
                    .expect(ALLOWED, ADMIN);
        }

        // The audit trail (catalogue, calendar, api keys): the administrator's to read.
        matrix.row("GET", "/api/v1/audit", "/api/v1/audit?kind=CALENDAR_DAY&code=2199-01-02", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);

        // The indicators: the command center, supervisors, leaders, administrators.
        matrix.row(
                        "GET",
                        "/api/v1/indicators",
                        "/api/v1/indicators?from=2026-11-16&to=2026-11-23&by=grid",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, WORKER, OTHER_WORKER, CHIEF, HANDLER, OTHER_DEPARTMENT)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, SUPERVISOR, LEADER, ADMIN);
        // By department, department staff too: their own department's line (EvaluationTest shows
        // which lines).
        matrix.row(
                        "GET",
                        "/api/v1/indicators",
                        "/api/v1/indicators?from=2026-11-16&to=2026-11-23&by=department",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, WORKER, OTHER_WORKER, CHIEF)
                .expect(
                        ALLOWED,
                        HANDLER,
                        OTHER_DEPARTMENT,
                        DISPATCHER,
                        DUTY_CHIEF,
                        SUPERVISOR,
                        LEADER,
                        ADMIN);
        // The score schemes: read by those who read the indicators, a new version by an
        // administrator alone.
        // The version posted does not sum to 100 %, so even the administrator's is refused after
        // the check
        // and the latest versions other tests score with stay as they are.
        matrix.row("GET", "/api/v1/score-schemes", "/api/v1/score-schemes", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, WORKER, OTHER_WORKER, CHIEF, HANDLER, OTHER_DEPARTMENT)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, SUPERVISOR, LEADER, ADMIN);
        matrix.row(
                        "POST",
                        "/api/v1/score-schemes",
                        "/api/v1/score-schemes",
                        "{\"subject\":\"grid\",\"weights\":{\"closureRate\":90},\"bands\":[{\"grade\":\"A\",\"from\":0,\"to\":100}]}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, ADMIN);

        // Problems reported again (hotspots, recurrences of closed cases): the command center.
        for (var path : List.of("/api/v1/hotspots", "/api/v1/recurrences")) {
            matrix.row("GET", path, path, null)
                    .expect(ANONYMOUS, UNAUTHENTICATED)
                    .expect(FORBIDDEN, WORKER, OTHER_WORKER, CHIEF, HANDLER, OTHER_DEPARTMENT)
                    .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, SUPERVISOR, LEADER, ADMIN);
        }

        // The requests for more time or parking waiting for a decision: those who decide them.
        matrix.row("GET", "/api/v1/approval-requests", "/api/v1/approval-requests", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, WORKER, OTHER_WORKER, CHIEF, HANDLER, OTHER_DEPARTMENT)
                .expect(FORBIDDEN, DISPATCHER, DUTY_CHIEF, ADMIN)
                .expect(ALLOWED, SUPERVISOR, LEADER);

        // The open cases dispatch-service reconciles against: the system's services, no person.
        matrix.row(
                        "GET",
                        "/api/v1/reconciliation/open-cases",
                        "/api/v1/reconciliation/open-cases?limit=1",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(AccessMatrix.SERVICE, ALLOWED);

        // Open311 requests given by address alone: the desk (dispatcher, duty chief) lists and
        // places them; an
        // unknown token is not pending (404), so trying the matrix places nothing.
        matrix.row(
                        "GET",
                        "/api/v1/open311-requests/pending",
                        "/api/v1/open311-requests/pending",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, OTHER_DISTRICT_DISPATCHER);
        matrix.row(
                        "POST",
                        "/api/v1/open311-requests/{token}/placement",
                        "/api/v1/open311-requests/" + UUID.randomUUID() + "/placement",
                        "{\"longitude\":119.165,\"latitude\":35.004}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, OTHER_DISTRICT_DISPATCHER);

        // Open311: open to citizens' apps (posting takes an api key instead of a token).
        open(matrix, "GET", "/open311/discovery.{format}", "/open311/discovery.json");
        open(matrix, "GET", "/open311/v2/services.{format}", "/open311/v2/services.json");
        open(
                matrix,
                "GET",
                "/open311/v2/services/{code}.{format}",
                "/open311/v2/services/0102.json");
        open(matrix, "POST", "/open311/v2/requests.{format}", "/open311/v2/requests.json");
        open(matrix, "GET", "/open311/v2/requests.{format}", "/open311/v2/requests.json");
        open(
                matrix,
                "GET",
                "/open311/v2/requests/{id}.{format}",
                "/open311/v2/requests/1999-000000.json");
        open(
                matrix,
                "GET",
                "/open311/v2/tokens/{token}.{format}",
                "/open311/v2/tokens/" + UUID.randomUUID() + ".json");
        open(
                matrix,
                "GET",
                "/open311/v2/servicerequestupdates.{format}",
                "/open311/v2/servicerequestupdates.json");
        open(
                matrix,
                "POST",
                "/open311/v2/servicerequestupdates.{format}",
                "/open311/v2/servicerequestupdates.json");

        matrix.verify();

        // Trying the matrix changed nothing of the case.
        as(SUPERVISOR)
                .when()
                .get(cases)
                .then()
                .statusCode(200)
                .body("status", equalTo("EVALUATED"));
        as(SUPERVISOR)
                .when()
                .get(cases + "/timeline/verification")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
    }

    private static void readableBySignedIn(
            AccessMatrix matrix, String method, String template, String path) {
        matrix.row(method, template, path, null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, EVERYONE);
    }

    private static void readableByItsReaders(AccessMatrix matrix, String template, String path) {
        matrix.row("GET", template, path, null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(FORBIDDEN, UNCONCERNED_DEPARTMENT)
                .expect(ALLOWED, READERS_OF_THE_CASE);
    }

    private static void open(AccessMatrix matrix, String method, String template, String path) {
        matrix.row(method, template, path, null)
                .expect(ANONYMOUS, ALLOWED)
                .expect(ALLOWED, WORKER, ADMIN);
    }

    /**
     * A command on the finished case: these callers reach it, everyone else signed in is refused.
     */
    private void commandRow(AccessMatrix matrix, String command, String body, String... allowed) {
        var c = finishedCase();
        matrix.row(
                        "POST",
                        "/api/v1/cases/{ref}/" + command,
                        "/api/v1/cases/" + c + "/" + command,
                        body)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, EVERYONE)
                .expect(ALLOWED, allowed);
    }

    private static String report(String source) {
        return "{\"reportId\":\""
                + UUID.randomUUID()
                + "\",\"source\":\""
                + source
                + "\",\"category\":\"9999\","
                + "\"description\":\"matrix\",\"longitude\":119.165,\"latitude\":35.004}";
    }

    private String finished;
    private String finishedReport;

    /**
     * A case of G07 led by ZHZF, run to the end of the loop: closed, then evaluated by its
     * reporter.
     */
    private String finishedCase() {
        if (finished != null) {
            return finished;
        }
        var reportId = UUID.randomUUID();
        String c =
                as(WORKER)
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + reportId
                                        + "\",\"source\":\"GRID_WORKER\",\"category\":\"0104\","
                                        + "\"description\":\"stall\",\"longitude\":119.1655,\"latitude\":35.0045}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("gridCode", equalTo("G07"))
                        .extract()
                        .path("id");
        command(c, "accept", DUTY_CHIEF, "").then().statusCode(200);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            dispatch.routed(c, "DEPARTMENT", "ZHZF");
            awaitStatus(c, "DISPATCHED");
            dispatch.departmentAccepted(c, "ZHZF");
            awaitStatus(c, "HANDLING");
        }
        command(c, "result", HANDLER, "\"note\":\"cleared\"").then().statusCode(200);
        command(c, "check", WORKER, "\"passed\":true").then().statusCode(200);
        command(c, "evaluation", WORKER, "\"satisfaction\":5")
                .then()
                .statusCode(200)
                .body("status", equalTo("EVALUATED"));
        finished = c;
        finishedReport = reportId.toString();
        return c;
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as(DUTY_CHIEF)
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo(status)));
    }
}
