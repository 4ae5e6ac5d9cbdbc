package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static cn.gridgov.kit.testing.AccessMatrix.ANONYMOUS;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.ALLOWED;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.FORBIDDEN;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.UNAUTHENTICATED;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.kit.testing.AccessMatrix;
import cn.gridgov.kit.testing.StandInGridService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of dispatch-service's OpenAPI document × anonymous, a grid worker, a grid chief in
 * and out of the case's grid, the lead department's staff, another department's staff (the
 * co-handler), a dispatcher, a duty chief and an administrator → what each must get. An endpoint
 * added without a row fails here.
 *
 * <p>The stand-in for grid-service's staff directory is registered here once for every test of the
 * module (grid-service is not started by these tests).
 */
@QuarkusTest
@QuarkusTestResource(value = StandInGridService.class, restrictToAnnotatedClass = false)
class AccessMatrixTest {

    static final String GRID_WORKER = "G07-2";
    static final String GRID_CHIEF = "G07-1";
    static final String OTHER_GRID_CHIEF = "G20-1";
    static final String LEAD = "ZHZF-1";
    static final String CO_HANDLER = "ZJJ-1";
    static final String DUTY_CHIEF = "CC-DUTY_CHIEF-1";
    static final String ADMIN = "CC-ADMIN-1";

    /**
     * A dispatcher of the neighbouring district (D02): the wrong district for the demo town's
     * cases.
     */
    static final String OTHER_DISTRICT_DISPATCHER = "D02-DISPATCHER-1";

    /** A grid worker of G20: the wrong grid for the cases of G07. */
    static final String OTHER_GRID_WORKER = "G20-2";

    /** The grid chief of G12, where the case handled in the grid lies. */
    static final String IN_GRID_CHIEF = "G12-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static Snapshot routed(CaseEvents cases, Snapshot snapshot, String lead)
            throws Exception {
        cases.publish(CaseTypes.ACCEPTED, snapshot);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + snapshot.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo(lead)));
        return snapshot;
    }

    @Test
    @DisplayName(
            "every endpoint answers each kind of caller as the rules say: no token 401, the wrong post or scope 403 naming the rule, the right one reaches the operation")
    void everyEndpointEveryCaller() throws Exception {
        Snapshot toAccept, toSendBack, toOverride, toWhistle, inGrid, atPort;
        try (var cases = new CaseEvents(bootstrap)) {
            // Manhole covers in G07: comprehensive enforcement (ZHZF) leads, housing (ZJJ)
            // co-handles.
            toAccept = routed(cases, Snapshot.of("0101", "G07"), "ZHZF");
            toSendBack = routed(cases, Snapshot.of("0101", "G07"), "ZHZF");
            toWhistle = routed(cases, Snapshot.of("0101", "G07"), "ZHZF");
            toOverride = routed(cases, Snapshot.of("9907", "G07"), "CC");
            inGrid = routed(cases, Snapshot.of("0201", "G12"), "GRID");
            atPort =
                    routed(
                            cases,
                            Snapshot.of("0103", "G04").dedicated("DG-PORT").at(119.11, 35.003),
                            "GKJ");
        }
        var summoning = UUID.randomUUID().toString();
        as(DISPATCHER)
                .contentType("application/json")
                .body(
                        "{\"whistleId\":\""
                                + summoning
                                + "\",\"kind\":\"ROUTINE\",\"departments\":[\"ZHZF\"]}")
                .post("/api/v1/cases/" + toWhistle.id() + "/whistles")
                .then()
                .statusCode(201);

        var matrix = new AccessMatrix();
        String[] everyone = {GRID_WORKER, LEAD, CO_HANDLER, DISPATCHER, ADMIN};

        // Reads: any signed-in caller.
        for (var path :
                new String[] {
                    "/api/v1/routing-rules",
                    "/api/v1/dispatch-queue",
                    "/api/v1/overdue-cases",
                    "/api/v1/whistle-board",
                    "/api/v1/departments",
                    "/api/v1/open-cases",
                    "/api/v1/enforcement-zones"
                }) {
            matrix.row("GET", path, path, null)
                    .expect(ANONYMOUS, UNAUTHENTICATED)
                    .expect(ALLOWED, everyone);
        }
        // The map and the stream are asked as their clients ask them, so content negotiation does
        // not answer first.
        matrix.row("GET", "/api/v1/grid-map", "/api/v1/grid-map", null)
                .accept("application/geo+json")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, everyone);
        matrix.row("GET", "/api/v1/routing-rules/{id}", "/api/v1/routing-rules/R-0102", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, everyone);
        // One case (G07, ZHZF leads, ZJJ co-handles): those the read rule lets read it, as in
        // case-service; a grid worker of another grid and a department it is not with are refused.
        String[] readersOfTheCase = {
            GRID_WORKER, GRID_CHIEF, LEAD, CO_HANDLER, DISPATCHER, ADMIN, OTHER_DISTRICT_DISPATCHER
        };
        String[] notReaders = {OTHER_GRID_WORKER, OTHER_GRID_CHIEF, "GKJ-1"};
        matrix.row(
                        "GET",
                        "/api/v1/routing-decisions/{caseRef}",
                        "/api/v1/routing-decisions/" + toAccept.id(),
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, readersOfTheCase)
                .expect(FORBIDDEN, notReaders);
        matrix.row("GET", "/api/v1/whistles/{whistleId}", "/api/v1/whistles/" + summoning, null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, readersOfTheCase)
                .expect(FORBIDDEN, notReaders);
        // grid-service is not running: the answer is a 503, but the caller got through.
        matrix.row(
                        "GET",
                        "/api/v1/cases/{caseRef}/handler-recommendations",
                        "/api/v1/cases/" + toAccept.id() + "/handler-recommendations",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, readersOfTheCase)
                .expect(FORBIDDEN, notReaders);
        // The stream never ends for a signed-in caller, so only its refusal is called here;
        // CommandCenterTest reads it with a dispatcher's token.
        matrix.row("GET", "/api/v1/stream", "/api/v1/stream", null)
                .accept("text/event-stream")
                .expect(ANONYMOUS, UNAUTHENTICATED);

        // The reconciliation of both services' views: the command center, supervisors,
        // administrators
        // (case-service is not running here: a 503, but the caller got through).
        matrix.row("GET", "/api/v1/reconciliation", "/api/v1/reconciliation", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, LEAD, CO_HANDLER)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, "CC-SUPERVISOR-1", ADMIN);

        // Warnings before a deadline is missed: those who supervise (dispatcher, duty chief,
        // supervisor, leader, administrator).
        matrix.row("GET", "/api/v1/at-risk-cases", "/api/v1/at-risk-cases", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, LEAD, CO_HANDLER)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF, "CC-SUPERVISOR-1", "CC-LEADER-1", ADMIN);
        matrix.row(
                        "GET",
                        "/api/v1/cases/{caseRef}/finish-forecast",
                        "/api/v1/cases/" + toAccept.id() + "/finish-forecast",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, LEAD, CO_HANDLER)
                .expect(
                        ALLOWED,
                        DISPATCHER,
                        DUTY_CHIEF,
                        "CC-SUPERVISOR-1",
                        "CC-LEADER-1",
                        ADMIN,
                        OTHER_DISTRICT_DISPATCHER);

        // Routing rules: the administrator alone. Nothing is written: an unknown department, an
        // unknown rule.
        var badRule =
                "{\"id\":\"T-MATRIX\",\"categoryPrefix\":\"98\",\"mode\":\"DEPARTMENT\",\"departmentCode\":\"NO-SUCH\"}";
        matrix.row("POST", "/api/v1/routing-rules", "/api/v1/routing-rules", badRule)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, LEAD, CO_HANDLER, DISPATCHER, DUTY_CHIEF)
                .expect(ADMIN, ALLOWED);
        matrix.row(
                        "PUT",
                        "/api/v1/routing-rules/{id}",
                        "/api/v1/routing-rules/T-MATRIX-NONE",
                        "{\"categoryPrefix\":\"98\",\"mode\":\"MANUAL\"}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, LEAD, CO_HANDLER, DISPATCHER, DUTY_CHIEF)
                .expect(ADMIN, ALLOWED);
        matrix.row(
                        "DELETE",
                        "/api/v1/routing-rules/{id}",
                        "/api/v1/routing-rules/T-MATRIX-NONE",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, LEAD, CO_HANDLER, DISPATCHER, DUTY_CHIEF)
                .expect(ADMIN, ALLOWED);
        // The audit trail of the rules: the administrator's to read.
        matrix.row(
                        "GET",
                        "/api/v1/audit",
                        "/api/v1/audit?kind=ROUTING_RULE&code=T-MATRIX-NONE",
                        null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, LEAD, CO_HANDLER, DISPATCHER, DUTY_CHIEF)
                .expect(ADMIN, ALLOWED);

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
                    .expect(FORBIDDEN, GRID_WORKER, LEAD, CO_HANDLER, DISPATCHER, DUTY_CHIEF)
                    .expect(ADMIN, ALLOWED);
        }

        // Acceptance and send-back: the lead department's staff (the allowed caller comes last: it
        // changes the case).
        matrix.row(
                        "POST",
                        "/api/v1/routing-decisions/{caseRef}/acceptance",
                        "/api/v1/routing-decisions/" + toAccept.id() + "/acceptance",
                        "{}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, CO_HANDLER, DISPATCHER, ADMIN)
                .expect(LEAD, ALLOWED);
        // A case handled in the grid: the grid chief of its grid, no one else.
        matrix.row(
                        "POST",
                        "/api/v1/routing-decisions/{caseRef}/acceptance",
                        "/api/v1/routing-decisions/" + inGrid.id() + "/acceptance",
                        "{}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(
                        FORBIDDEN,
                        GRID_WORKER,
                        GRID_CHIEF,
                        OTHER_GRID_CHIEF,
                        "G12-2",
                        LEAD,
                        DISPATCHER)
                .expect(IN_GRID_CHIEF, ALLOWED);
        matrix.row(
                        "POST",
                        "/api/v1/routing-decisions/{caseRef}/send-back",
                        "/api/v1/routing-decisions/" + toSendBack.id() + "/send-back",
                        "{\"reason\":\"not ours\"}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, CO_HANDLER, DISPATCHER, ADMIN)
                .expect(LEAD, ALLOWED);

        // Dispatching by hand: dispatcher and duty chief.
        matrix.row(
                        "POST",
                        "/api/v1/routing-decisions/{caseRef}/override",
                        "/api/v1/routing-decisions/" + toOverride.id() + "/override",
                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZHZF\",\"reason\":\"enforcement\"}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(
                        FORBIDDEN,
                        GRID_WORKER,
                        GRID_CHIEF,
                        LEAD,
                        CO_HANDLER,
                        ADMIN,
                        OTHER_DISTRICT_DISPATCHER)
                .expect(ALLOWED, DISPATCHER, DUTY_CHIEF);

        // Whistles: the command center, or the grid chief of one of the case's grids.
        var whistle =
                "{\"whistleId\":\""
                        + UUID.randomUUID()
                        + "\",\"kind\":\"ROUTINE\",\"departments\":[\"ZJJ\"]}";
        matrix.row(
                        "POST",
                        "/api/v1/cases/{caseRef}/whistles",
                        "/api/v1/cases/" + toWhistle.id() + "/whistles",
                        whistle)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(
                        FORBIDDEN,
                        GRID_WORKER,
                        OTHER_GRID_CHIEF,
                        LEAD,
                        CO_HANDLER,
                        ADMIN,
                        OTHER_DISTRICT_DISPATCHER)
                .expect(ALLOWED, GRID_CHIEF, DISPATCHER, DUTY_CHIEF);
        var portWhistle =
                "{\"whistleId\":\""
                        + UUID.randomUUID()
                        + "\",\"kind\":\"HARD_CASE\",\"departments\":[\"GKJ\"]}";
        matrix.row(
                        "POST",
                        "/api/v1/cases/{caseRef}/whistles",
                        "/api/v1/cases/" + atPort.id() + "/whistles",
                        portWhistle)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_CHIEF, "DG-PORT-2", "G04-2")
                .expect(ALLOWED, "DG-PORT-1", "G04-1");

        // The workbench's list: department staff read their own department's tasks, nobody else
        // reads any.
        matrix.row("GET", "/api/v1/department-tasks", "/api/v1/department-tasks", null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, DISPATCHER, DUTY_CHIEF, ADMIN)
                .expect(ALLOWED, LEAD, CO_HANDLER);

        // Duty reports: staff of a summoned department, as themselves.
        matrix.row(
                        "POST",
                        "/api/v1/whistles/{whistleId}/duty-reports",
                        "/api/v1/whistles/" + summoning + "/duty-reports",
                        "{\"longitude\":119.165,\"latitude\":35.004}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(FORBIDDEN, GRID_WORKER, GRID_CHIEF, CO_HANDLER, DISPATCHER, ADMIN)
                .expect(LEAD, ALLOWED);

        try {
            matrix.verify();
        } finally {
            // The cases accepted here end, so that nobody's open work (which ranks recommendations)
            // grows run by run.
            try (var cases = new CaseEvents(bootstrap)) {
                cases.publish(CaseTypes.CLOSED, toAccept.status("CLOSED", null));
                cases.publish(CaseTypes.CLOSED, inGrid.status("CLOSED", null));
            }
        }
    }
}
