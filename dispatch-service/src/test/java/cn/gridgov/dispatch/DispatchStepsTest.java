package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * case-service owns the case's status, step and handler: dispatch-service refuses the commands of
 * the dispatch steps once the case has left them, and brings its decision back in line when
 * case-service refuses one of its events. And every endpoint names a case by its number or its id.
 */
@QuarkusTest
class DispatchStepsTest {

    private static final String OVERRIDE =
            "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"JD-S1\",\"reason\":\"the town\"}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = DispatchEvents.TOPIC_CONFIG)
    String dispatchEventsTopic;

    @Inject AgroalDataSource db;

    /** Waits until our case file of the case says this status (the snapshot has been applied). */
    private void awaitFile(Snapshot snapshot, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            try (var connection = db.getConnection();
                                    var query =
                                            connection.prepareStatement(
                                                    "select status from case_file where case_id = ?")) {
                                query.setObject(1, snapshot.caseId());
                                try (var rows = query.executeQuery()) {
                                    return rows.next() && status.equals(rows.getString(1));
                                }
                            }
                        });
    }

    @Test
    @DisplayName(
            "once case-service says the case is handled, an override, an acceptance and a send-back are 409 "
                    + "CASE_MOVED_ON naming its status and step, and the decision is unchanged")
    void commandsAfterTheCaseMovedOnAreRefused() throws Exception {
        var manhole = Snapshot.of("0101", "G07").numbered();
        try (var cases = new CaseEvents(bootstrap)) {
            routed(cases, manhole, "ZHZF");
            cases.publish(CaseTypes.HANDLING, manhole.status("HANDLING", "HANDLE"));
            awaitFile(manhole, "HANDLING");
            as(DISPATCHER)
                    .contentType("application/json")
                    .body(OVERRIDE)
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/override")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CASE_MOVED_ON"))
                    .body("message", containsString("HANDLING at step HANDLE"));
            as("ZHZF-1")
                    .post("/api/v1/routing-decisions/" + manhole.number() + "/acceptance")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CASE_MOVED_ON"));
            as("ZHZF-1")
                    .contentType("application/json")
                    .body("{\"reason\":\"not ours\"}")
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/send-back")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CASE_MOVED_ON"));
            // A department that is not the lead is still told it is not theirs first.
            as("ZJJ-1")
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/acceptance")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_YOUR_DEPARTMENT"));
            as(DISPATCHER)
                    .get("/api/v1/routing-decisions/" + manhole.id())
                    .then()
                    .body("departmentCode", equalTo("ZHZF"))
                    .body("state", equalTo("ROUTED"))
                    .body("sendBackCount", equalTo(0));
        } finally {
            close(manhole);
        }
    }

    @Test
    @DisplayName(
            "an accepted case is not overridden even before case-service's snapshot says so: 409 ALREADY_ACCEPTED; "
                    + "a retried acceptance still answers the decision")
    void acceptedCaseIsNotOverridden() throws Exception {
        var manhole = Snapshot.of("0101", "G07").numbered();
        try (var cases = new CaseEvents(bootstrap)) {
            routed(cases, manhole, "ZHZF");
            as("ZHZF-1")
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/acceptance")
                    .then()
                    .statusCode(200);
            as(DISPATCHER)
                    .contentType("application/json")
                    .body(OVERRIDE)
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/override")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("ALREADY_ACCEPTED"));
            cases.publish(CaseTypes.HANDLING, manhole.status("HANDLING", "HANDLE"));
            awaitFile(manhole, "HANDLING");
            as("ZHZF-1")
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/acceptance")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("ACCEPTED"));
        } finally {
            close(manhole);
        }
    }

    @Test
    @DisplayName(
            "when case-service refuses an override it raced, the decision takes case-service's handler, records the "
                    + "refusal, leaves the dispatch queue, and the correction is published for the console")
    void refusedDecisionIsBroughtInLine() throws Exception {
        var manhole = Snapshot.of("0101", "G07").numbered();
        try (var cases = new CaseEvents(bootstrap);
                var tail = new TopicTail(bootstrap, dispatchEventsTopic)) {
            routed(cases, manhole, "ZHZF");
            as(DISPATCHER)
                    .contentType("application/json")
                    .body("{\"mode\":\"MANUAL\",\"reason\":\"let the desk look at it\"}")
                    .post("/api/v1/routing-decisions/" + manhole.id() + "/override")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/dispatch-queue")
                                            .then()
                                            .body("caseId", hasItem(manhole.id())));
            var refusedId = UUID.randomUUID().toString();
            cases.publishRefusal(
                    manhole.status("HANDLING", "HANDLE"),
                    "ZHZF",
                    refusedId,
                    DispatchTypes.ROUTED.name(),
                    DispatchTypes.ROUTED.name() + " arrived while the case was HANDLING");

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/routing-decisions/" + manhole.number())
                                            .then()
                                            .statusCode(200)
                                            .body("departmentCode", equalTo("ZHZF"))
                                            .body("mode", equalTo("DEPARTMENT"))
                                            .body("state", equalTo("ACCEPTED"))
                                            .body("refusalCount", equalTo(1))
                                            .body("lastRefusal", containsString("HANDLING")));
            as(DISPATCHER)
                    .get("/api/v1/dispatch-queue")
                    .then()
                    .body("caseId", not(hasItem(manhole.id())));
            var realigned =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            tail.forSubject(manhole.id()).stream()
                                                    .filter(
                                                            r ->
                                                                    r.event()
                                                                            .path("type")
                                                                            .asText()
                                                                            .equals(
                                                                                    DispatchTypes
                                                                                            .DECISION_REALIGNED
                                                                                            .name()))
                                                    .toList(),
                                    list -> !list.isEmpty());
            var data = realigned.get(0).event().path("data");
            assertThat(data.path("refusedEventId").asText()).isEqualTo(refusedId);
            assertThat(data.path("departmentCode").asText()).isEqualTo("ZHZF");
            assertThat(data.path("state").asText()).isEqualTo("ACCEPTED");
            assertThat(data.path("caseStatus").asText()).isEqualTo("HANDLING");
        } finally {
            close(manhole);
        }
    }

    @Test
    @DisplayName(
            "a case is named by its number or its id: a malformed reference is 400, an unknown number 404, "
                    + "a malformed whistle id 400, and no answer names a Java class")
    void casesAreNamedByNumberOrId() throws Exception {
        var manhole = Snapshot.of("0101", "G07").numbered();
        try (var cases = new CaseEvents(bootstrap)) {
            routed(cases, manhole, "ZHZF");
            as(DISPATCHER)
                    .get("/api/v1/routing-decisions/" + manhole.number())
                    .then()
                    .statusCode(200)
                    .body("caseId", equalTo(manhole.id()));
            for (var path :
                    new String[] {
                        "/api/v1/routing-decisions/not-a-case",
                        "/api/v1/routing-decisions/12345",
                        "/api/v1/cases/2026-12/handler-recommendations",
                        "/api/v1/routing-decisions/" + manhole.id() + "x"
                    }) {
                var body =
                        as(DISPATCHER)
                                .get(path)
                                .then()
                                .statusCode(400)
                                .body("code", equalTo("MALFORMED_CASE_REF"))
                                .body("field", equalTo("caseRef"))
                                .extract()
                                .asString();
                assertThat(body).doesNotContain("java.", "UUID", "Exception");
            }
            as(DISPATCHER)
                    .contentType("application/json")
                    .body("{\"reason\":\"x\"}")
                    .post("/api/v1/routing-decisions/nope/send-back")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_CASE_REF"));
            as(DISPATCHER).get("/api/v1/routing-decisions/2099-000000001x").then().statusCode(400);
            as(DISPATCHER)
                    .get("/api/v1/routing-decisions/1999-000000000")
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("CASE_NOT_FOUND"));
            as(DISPATCHER)
                    .get("/api/v1/routing-decisions/" + UUID.randomUUID())
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("DECISION_NOT_FOUND"));
            as(DISPATCHER)
                    .contentType("application/json")
                    .body("{\"kind\":\"ROUTINE\",\"departments\":[\"ZJJ\"]}")
                    .post("/api/v1/cases/1999-000000000/whistles")
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("CASE_NOT_FOUND"));
            var whistle =
                    as(DISPATCHER)
                            .get("/api/v1/whistles/not-a-whistle")
                            .then()
                            .statusCode(400)
                            .body("code", equalTo("MALFORMED_ID"))
                            .extract()
                            .asString();
            assertThat(whistle).doesNotContain("java.", "Exception");
            as("ZHZF-1")
                    .contentType("application/json")
                    .body("{\"longitude\":119.1,\"latitude\":35.0}")
                    .post("/api/v1/whistles/123/duty-reports")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_ID"));
        } finally {
            close(manhole);
        }
    }

    private static void routed(CaseEvents cases, Snapshot snapshot, String lead) throws Exception {
        cases.publish(CaseTypes.ACCEPTED, snapshot.status("ACCEPTED", "DISPATCH"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + snapshot.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo(lead)));
    }

    private void close(Snapshot snapshot) throws Exception {
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.CLOSED, snapshot.status("CLOSED", null));
        }
    }
}
