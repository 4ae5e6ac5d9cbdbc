package cn.gridgov.cases.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.cases.TopicTail;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end: the three services run from their packaged jars against the
 * real PostGIS and the real Kafka broker, and the test talks to them only over HTTP and Kafka.
 * grid-service holds the demo town, in which the centre of grid G07 is (119.165, 35.004).
 */
class ReportRoutingJourneyIT {

    private static final String KAFKA = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    private static final int GRID_PORT = 28081;
    private static final int CASE_PORT = 28082;
    private static final int DISPATCH_PORT = 28083;

    private static ServiceProcess grid;
    private static ServiceProcess dispatch;
    private static ServiceProcess cases;

    @BeforeAll
    static void startTheSystem() throws Exception {
        grid = new ServiceProcess("grid-service", GRID_PORT, "gridgov.demo-town.enabled=true").start();
        dispatch = new ServiceProcess("dispatch-service", DISPATCH_PORT,
                "mp.messaging.incoming.case-events.group.id=dispatch-service-journey").start();
        cases = caseService().start();
        for (var service : new ServiceProcess[] {grid, dispatch, cases}) {
            service.awaitReady(Duration.ofSeconds(120));
        }
    }

    private static ServiceProcess caseService() {
        return new ServiceProcess("case-service", CASE_PORT,
                "quarkus.rest-client.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                "mp.messaging.incoming.dispatch-events.group.id=case-service-journey");
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
    @DisplayName("a grid worker's report, sent twice, becomes one case located to G07, routed to enforcement, and survives a restart")
    void reportIsLocatedRoutedAndKept() throws Exception {
        var reportId = UUID.randomUUID();
        var report = "{\"reportId\":\"" + reportId + "\",\"source\":\"GRID_WORKER\",\"reporterId\":\"wang\","
                + "\"category\":\"0101\",\"description\":\"井盖缺失 manhole cover missing\","
                + "\"longitude\":119.165,\"latitude\":35.004}";

        try (var caseEvents = new TopicTail(KAFKA, "case-events.v1");
             var dispatchEvents = new TopicTail(KAFKA, "dispatch-events.v1")) {
            String caseId = given().baseUri(cases.baseUrl()).contentType(ContentType.JSON).body(report)
                    .when().post("/api/v1/reports")
                    .then().statusCode(201).body("gridCode", equalTo("G07"))
                    .extract().path("id");
            // The phone did not hear the answer and sends the same report again.
            given().baseUri(cases.baseUrl()).contentType(ContentType.JSON).body(report)
                    .when().post("/api/v1/reports")
                    .then().statusCode(200).body("id", equalTo(caseId));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(cases.baseUrl())
                    .when().get("/api/v1/cases/by-report/" + reportId)
                    .then().statusCode(200)
                    .body("routing.departmentCode", equalTo("ZHZF"))
                    .body("routing.ruleId", equalTo("R-01")));

            var reported = await().atMost(Duration.ofSeconds(10))
                    .until(() -> caseEvents.forSubject(caseId), list -> !list.isEmpty());
            assertThat(reported).hasSize(1);
            assertThat(reported.get(0).key()).isEqualTo(caseId);
            assertThat(reported.get(0).event().path("type").asText()).isEqualTo("case.reported");
            assertThat(reported.get(0).event().path("data").path("gridCode").asText()).isEqualTo("G07");

            var routed = await().atMost(Duration.ofSeconds(10))
                    .until(() -> dispatchEvents.forSubject(caseId), list -> !list.isEmpty());
            assertThat(routed.get(0).key()).isEqualTo(caseId);
            assertThat(routed.get(0).event().path("type").asText()).isEqualTo("dispatch.routed");
            assertThat(routed.get(0).event().path("data").path("departmentCode").asText()).isEqualTo("ZHZF");

            cases.close();
            cases = caseService().start();
            cases.awaitReady(Duration.ofSeconds(120));

            given().baseUri(cases.baseUrl()).when().get("/api/v1/cases/" + caseId)
                    .then().statusCode(200)
                    .body("reportId", equalTo(reportId.toString()))
                    .body("routing.departmentCode", equalTo("ZHZF"));
            assertThat(caseEvents.forSubject(caseId)).hasSize(1);
        }
    }

    @Test
    @DisplayName("a report from outside every grid is refused with 422 naming the nearest grid")
    void reportOutsideTheTownIsRefused() {
        given().baseUri(cases.baseUrl()).contentType(ContentType.JSON)
                .body("{\"reportId\":\"" + UUID.randomUUID() + "\",\"source\":\"CITIZEN\",\"category\":\"0102\","
                        + "\"description\":\"pothole\",\"longitude\":119.30,\"latitude\":35.004}")
                .when().post("/api/v1/reports")
                .then().statusCode(422)
                .body("code", equalTo("OUTSIDE_GRIDS"))
                .body("message", org.hamcrest.Matchers.containsString("G"));
    }
}
