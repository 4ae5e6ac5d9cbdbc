package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.kit.testing.Tokens;
import cn.gridgov.kit.testing.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * case-service owns the case's status, step and handler: a decision of dispatch-service's that the
 * case can no longer follow is refused and the refusal announced, with the case's snapshot, never
 * dropped in silence. And the compact list of open cases dispatch-service reconciles against.
 */
@QuarkusTest
class DispatchRefusalTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = CaseEvents.TOPIC_CONFIG)
    String caseEventsTopic;

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
            "a re-route of a case a department already accepted is refused, recorded, and announced with the "
                    + "case's status, step and handler, naming the refused event")
    void rerouteAfterAcceptanceIsRefusedAndAnnounced() {
        var caseId = acceptedCase();
        dispatch.routed(caseId, "DEPARTMENT", "JD-S1");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "JD-S1");
        awaitStatus(caseId, "HANDLING");

        try (var caseEvents = new TopicTail(bootstrap, caseEventsTopic)) {
            var override = dispatch.overridden(caseId, "ZHZF", "综合执法局", "by hand");
            var refusal =
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
                                                    .toList(),
                                    l -> !l.isEmpty());
            var data = refusal.get(0).event().path("data");
            assertThat(data.path("refusedEventId").asText()).isEqualTo(override);
            assertThat(data.path("refusedType").asText()).isEqualTo(DispatchTypes.ROUTED.name());
            assertThat(data.path("status").asText()).isEqualTo("HANDLING");
            assertThat(data.path("step").asText()).isEqualTo("HANDLE");
            assertThat(data.path("handlerDepartment").asText()).isEqualTo("JD-S1");
            assertThat(data.path("handlerKind").asText()).isEqualTo("DEPARTMENT");
            assertThat(data.path("reason").asText()).contains("HANDLING").contains("JD-S1");

            // A later acceptance by the department the refused override named: refused as well.
            var acceptance = dispatch.departmentAccepted(caseId, "ZHZF", "ZHZF-1");
            await().atMost(Duration.ofSeconds(20))
                    .until(
                            () ->
                                    caseEvents.forSubject(caseId).stream()
                                            .anyMatch(
                                                    r ->
                                                            r.event()
                                                                    .path("data")
                                                                    .path("refusedEventId")
                                                                    .asText()
                                                                    .equals(acceptance)));
        }
        as("CC-DUTY_CHIEF-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .body("status", equalTo("HANDLING"))
                .body("routing.departmentCode", equalTo("JD-S1"));
        as("CC-DUTY_CHIEF-1")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline")
                .then()
                .body("action", hasItem("ROUTING_IGNORED"))
                .body("action", hasItem("IGNORED_DEPARTMENT_ACCEPTED"));
    }

    @Test
    @DisplayName(
            "the grid chief's acceptance of a case routed to its grid agrees with the case: recorded, not refused")
    void gridChiefAcceptanceOfACaseInTheGridIsRecorded() {
        var caseId = acceptedCase();
        dispatch.routed(caseId, "IN_GRID", "GRID");
        awaitStatus(caseId, "HANDLING");
        try (var caseEvents = new TopicTail(bootstrap, caseEventsTopic)) {
            dispatch.departmentAccepted(caseId, "GRID", "G07-1");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () ->
                                    as("CC-DUTY_CHIEF-1")
                                            .when()
                                            .get("/api/v1/cases/" + caseId + "/timeline")
                                            .then()
                                            .body("action", hasItem("GRID_ACCEPTED")));
            assertThat(caseEvents.forSubject(caseId))
                    .noneMatch(
                            r ->
                                    r.event()
                                            .path("type")
                                            .asText()
                                            .equals(CaseTypes.DISPATCH_REFUSED.name()));
        }
        as("CC-DUTY_CHIEF-1")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline")
                .then()
                .body("action", not(hasItem("IGNORED_DEPARTMENT_ACCEPTED")));
    }

    @Test
    @DisplayName(
            "the open cases are listed for a service's token, page by page, each once, with status, step and handler; "
                    + "a person is refused, a malformed cursor is 400")
    void openCasesArePagedForServicesOnly() {
        var caseId = acceptedCase();
        dispatch.routed(caseId, "DEPARTMENT", "ZHZF");
        awaitStatus(caseId, "DISPATCHED");
        var rejected = reported();
        command(rejected, "reject", "CC-DUTY_CHIEF-1", "\"note\":\"not a case\"")
                .then()
                .statusCode(200);

        var seen = new HashSet<String>();
        var items = new ArrayList<java.util.Map<String, Object>>();
        String after = null;
        int pages = 0;
        do {
            var page =
                    given().auth()
                            .oauth2(Tokens.service())
                            .queryParam("limit", 1000)
                            .queryParam("after", after == null ? "" : after)
                            .when()
                            .get("/api/v1/reconciliation/open-cases")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            List<java.util.Map<String, Object>> cases = page.getList("cases");
            cases.forEach(
                    c -> assertThat(seen.add((String) c.get("caseId"))).as("listed once").isTrue());
            items.addAll(cases);
            after = page.getString("next");
            pages++;
        } while (after != null && pages < 10_000);
        var mine =
                items.stream()
                        .filter(c -> caseId.equals(c.get("caseId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(mine)
                .containsEntry("status", "DISPATCHED")
                .containsEntry("step", "DEPARTMENT_ACCEPT")
                .containsEntry("handlerDepartment", "ZHZF")
                .containsEntry("handlerKind", "DEPARTMENT");
        assertThat(seen).doesNotContain(rejected);
        assertThat(items)
                .allSatisfy(
                        c ->
                                assertThat(c.get("status"))
                                        .isNotIn("CLOSED", "EVALUATED", "REJECTED", "MERGED"));
        // Pages follow one another: the second of two one-case pages starts after the first.
        String first =
                given().auth()
                        .oauth2(Tokens.service())
                        .queryParam("limit", 1)
                        .when()
                        .get("/api/v1/reconciliation/open-cases")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("next");
        given().auth()
                .oauth2(Tokens.service())
                .queryParam("limit", 1)
                .queryParam("after", first)
                .when()
                .get("/api/v1/reconciliation/open-cases")
                .then()
                .statusCode(200)
                .body("cases[0].caseId", not(equalTo(first)));

        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/reconciliation/open-cases")
                .then()
                .statusCode(403)
                .body("code", equalTo("SERVICES_ONLY"));
        given().auth()
                .oauth2(Tokens.service())
                .queryParam("after", "not-a-case")
                .when()
                .get("/api/v1/reconciliation/open-cases")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
        given().auth()
                .oauth2(Tokens.service())
                .queryParam("limit", 0)
                .when()
                .get("/api/v1/reconciliation/open-cases")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
    }

    private static String acceptedCase() {
        var caseId = reported();
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        return caseId;
    }

    /** A grid worker's report in G07: verified at intake. */
    private static String reported() {
        return as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\",\"category\":\"0501\",\"description\":\"a shop\",\"longitude\":%s,\"latitude\":%s}"
                                .formatted(
                                        UUID.randomUUID(),
                                        119.162 + Math.random() / 200,
                                        35.002 + Math.random() / 200))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
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
}
