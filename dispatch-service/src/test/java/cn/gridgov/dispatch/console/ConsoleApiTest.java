package cn.gridgov.dispatch.console;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the console reads besides the lists it always had: the grids for its map, the departments,
 * places and clocks.
 */
@QuarkusTest
class ConsoleApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "gridgov.grid-map.keep-for")
    Duration keepFor;

    @Inject MovableClock clock;

    @Test
    @DisplayName(
            "the grid map is grid-service's export of the district, kept for a while, and a 503 JSON once grid-service is down and the copy has expired")
    void gridMapFromGridService() throws Exception {
        clock.advance(
                keepFor.plusSeconds(1)); // whatever an earlier test left in the copy has expired
        try (var grid = new FakeGridService()) {
            var body =
                    as(DISPATCHER)
                            .get("/api/v1/grid-map")
                            .then()
                            .statusCode(200)
                            .header("Content-Type", startsWith("application/geo+json"))
                            .extract()
                            .asString();
            assertThat(JsonPath.from(body).getList("features.properties.code"))
                    .containsExactly("D01-S2", "G07", "G08", "DG-MARKET");
            as(DISPATCHER).get("/api/v1/grid-map").then().statusCode(200);
            assertThat(grid.exports()).isEqualTo(1);
            assertThat(grid.unauthenticated())
                    .as("exports asked without dispatch-service's own token")
                    .isZero();
        }
        // grid-service is down, but the copy is young enough: the map still has its grids.
        as(DISPATCHER).get("/api/v1/grid-map").then().statusCode(200);

        clock.advance(keepFor.plusSeconds(1));
        as(DISPATCHER)
                .get("/api/v1/grid-map")
                .then()
                .statusCode(503)
                .header("Content-Type", startsWith("application/json"))
                .body("code", equalTo("GRID_SERVICE_UNAVAILABLE"))
                .body("message", containsString("could not give the grids of D01"));
    }

    @Test
    @DisplayName(
            "the departments a dispatcher can choose are the routing tables' own, without the grid and the command center stand-ins")
    void departmentsToChooseFrom() {
        as(DISPATCHER)
                .get("/api/v1/departments")
                .then()
                .statusCode(200)
                .body("code", hasItem("ZHZF"))
                .body("find { it.code == 'ZHZF' }.name", equalTo("区综合执法局"))
                .body("code", not(hasItem("GRID")))
                .body("code", not(hasItem("CC")));
    }

    @Test
    @DisplayName(
            "a queued case carries its place and its step's clock, an overdue case its place, a whistle its case number; a closed case leaves the queue")
    void placesClocksAndNumbers() throws Exception {
        var now = clock.instant();
        var warned =
                Snapshot.of("9905", "G07")
                        .timers(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
        var late =
                Snapshot.of("9906", "G08")
                        .at(119.175, 35.004)
                        .timers(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, warned);
            cases.publish(CaseTypes.ACCEPTED, late);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/dispatch-queue")
                                        .then()
                                        .body(
                                                "find { it.caseId == '" + warned.id() + "' }.clock",
                                                equalTo("YELLOW"))
                                        .body(
                                                "find { it.caseId == '" + late.id() + "' }.clock",
                                                equalTo("RED")));
        as(DISPATCHER)
                .get("/api/v1/dispatch-queue")
                .then()
                .body(
                        "find { it.caseId == '" + warned.id() + "' }.caseNumber",
                        equalTo(warned.number()))
                .body("find { it.caseId == '" + warned.id() + "' }.longitude", equalTo(119.165f))
                .body("find { it.caseId == '" + warned.id() + "' }.latitude", equalTo(35.004f))
                .body("find { it.caseId == '" + warned.id() + "' }.step", equalTo("DISPATCH"))
                .body("find { it.caseId == '" + warned.id() + "' }.stepDueAt", notNullValue())
                .body("find { it.caseId == '" + warned.id() + "' }.mode", equalTo("MANUAL"));
        as(DISPATCHER)
                .get("/api/v1/overdue-cases")
                .then()
                .body("find { it.caseId == '" + late.id() + "' }.longitude", equalTo(119.175f))
                .body("find { it.caseId == '" + late.id() + "' }.latitude", equalTo(35.004f));

        var whistleId = UUID.randomUUID().toString();
        as(DISPATCHER)
                .contentType("application/json")
                .body(
                        """
                        {"whistleId":"%s","kind":"ROUTINE","departments":["ZHZF"]}"""
                                .formatted(whistleId))
                .post("/api/v1/cases/" + warned.id() + "/whistles")
                .then()
                .statusCode(201)
                .body("caseNumber", equalTo(warned.number()));
        as(DISPATCHER)
                .get("/api/v1/whistle-board")
                .then()
                .body(
                        "find { it.whistleId == '" + whistleId + "' }.caseNumber",
                        equalTo(warned.number()));

        // Nothing is left to dispatch on a case that ended; the whistle closes with it.
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.CLOSED, warned.status("CLOSED", null));
            cases.publish(CaseTypes.REJECTED, late.status("REJECTED", null));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/dispatch-queue")
                                        .then()
                                        .body(
                                                "findAll { it.caseId == '"
                                                        + warned.id()
                                                        + "' || it.caseId == '"
                                                        + late.id()
                                                        + "' }.size()",
                                                equalTo(0)));
        as(DISPATCHER)
                .get("/api/v1/overdue-cases")
                .then()
                .body("findAll { it.caseId == '" + late.id() + "' }.size()", equalTo(0));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/whistle-board")
                                        .then()
                                        .body(
                                                "findAll { it.whistleId == '"
                                                        + whistleId
                                                        + "' }.size()",
                                                equalTo(0)));
    }
}
