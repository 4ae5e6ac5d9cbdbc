package cn.gridgov.dispatch;

import cn.gridgov.dispatch.messaging.Topics;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.whistle.WhistleEscalator;
import cn.gridgov.kit.testing.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** 吹哨报到, the port story: three departments summoned, two arrive, one reports from its office. */
@QuarkusTest
class WhistleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = Topics.DISPATCH_EVENTS_CONFIG)
    String dispatchEventsTopic;

    @Inject
    MovableClock clock;

    @Inject
    WhistleEscalator escalator;

    private static String blow(String whistleId, String departments) {
        return """
                {"whistleId":"%s","kind":"HARD_CASE","departments":%s,"blownBy":"G04-1"}""".formatted(whistleId, departments);
    }

    private static String report(String department, double lon, double lat) {
        return """
                {"departmentCode":"%s","staffId":"%s-1","longitude":%s,"latitude":%s}""".formatted(department, department, lon, lat);
    }

    private Snapshot acceptedCase(CaseEvents cases) throws Exception {
        var construction = Snapshot.of("0103", "G04").dedicated("DG-PORT").at(119.11, 35.003);
        cases.publish("case.accepted", construction);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/routing-decisions/" + construction.id())
                .then().statusCode(200));
        return construction;
    }

    @Test
    @DisplayName("departments reporting within 200 m count as arrived; the one reporting from far away is escalated to the supervisor, then to leadership, once each; the whistle closes with the case")
    void portWhistle() throws Exception {
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic); var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            var whistleId = UUID.randomUUID().toString();
            given().contentType("application/json").body(blow(whistleId, "[\"ZHZF\",\"GTS\",\"PCS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(201).body("whistleId", equalTo(whistleId)).body("state", equalTo("OPEN"))
                    .body("departments.size()", equalTo(3));
            // The same whistle sent again is the same whistle.
            given().contentType("application/json").body(blow(whistleId, "[\"ZHZF\",\"GTS\",\"PCS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(201).body("whistleId", equalTo(whistleId));

            given().contentType("application/json").body(report("ZHZF", 119.1105, 35.0033))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(200).body("arrived", equalTo(true));
            given().contentType("application/json").body(report("PCS", 119.111, 35.004))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(200).body("arrived", equalTo(true));
            given().contentType("application/json").body(report("GTS", 119.165, 35.004))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(200).body("arrived", equalTo(false))
                    .body("message", containsString("not counted as arrived"));
            given().contentType("application/json").body(report("JD-S1", 119.11, 35.003))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(422).body("code", equalTo("NOT_SUMMONED")).body("field", equalTo("departmentCode"));

            clock.advance(Duration.ofMinutes(31));
            await().atMost(Duration.ofSeconds(20)).until(() -> escalations(tail, port.id()), e -> e.size() == 1);
            assertThat(escalations(tail, port.id())).containsExactly("GTS/1/SUPERVISOR");
            given().get("/api/v1/whistle-board").then().statusCode(200)
                    .body("find { it.whistleId == '" + whistleId + "' }.departments.find { it.departmentCode == 'GTS' }.escalationLevel", equalTo(1))
                    .body("find { it.whistleId == '" + whistleId + "' }.departments.find { it.departmentCode == 'ZHZF' }.arrived", equalTo(true));

            clock.advance(Duration.ofMinutes(30));
            await().atMost(Duration.ofSeconds(20)).until(() -> escalations(tail, port.id()), e -> e.size() == 2);
            escalator.scan().await().indefinitely();
            clock.advance(Duration.ofMinutes(60));
            escalator.scan().await().indefinitely();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> escalations(tail, port.id()).size() == 2);
            assertThat(escalations(tail, port.id())).containsExactly("GTS/1/SUPERVISOR", "GTS/2/LEADERSHIP");

            // 事不完，人不走: the whistle stays open until the case is closed.
            given().get("/api/v1/whistles/" + whistleId).then().body("state", equalTo("OPEN"));
            cases.publish("case.closed", port.status("CLOSED", null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/whistles/" + whistleId)
                    .then().body("state", equalTo("CLOSED")));
            await().atMost(Duration.ofSeconds(20)).until(() -> types(tail, port.id()).contains("dispatch.whistle-closed"));
            assertThat(types(tail, port.id())).containsSubsequence("dispatch.routed", "dispatch.whistle-blown",
                    "dispatch.reported-for-duty", "dispatch.escalated", "dispatch.escalated", "dispatch.whistle-closed");
            assertThat(types(tail, port.id()).stream().filter("dispatch.whistle-blown"::equals).count()).isEqualTo(1);

            given().contentType("application/json").body(report("GTS", 119.11, 35.003))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(409).body("code", equalTo("WHISTLE_CLOSED"));
            given().contentType("application/json").body(blow(UUID.randomUUID().toString(), "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(409).body("code", equalTo("CASE_CLOSED")).body("field", equalTo("caseId"));
            given().get("/api/v1/whistle-board").then()
                    .body("findAll { it.whistleId == '" + whistleId + "' }.size()", equalTo(0));
        }
    }

    @Test
    @DisplayName("a whistle summoning an unknown department, nobody, or on an unknown case is refused with the field named")
    void badWhistles() throws Exception {
        try (var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            given().contentType("application/json").body(blow(UUID.randomUUID().toString(), "[\"ZHZF\",\"NOBODY\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(422).body("code", equalTo("UNKNOWN_DEPARTMENT")).body("field", equalTo("departments"));
            given().contentType("application/json").body(blow(UUID.randomUUID().toString(), "[]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(400).body("field", equalTo("departments"));
            given().contentType("application/json").body("{\"kind\":\"LOUD\",\"departments\":[\"ZHZF\"],\"blownBy\":\"x\"}")
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(400).body("field", equalTo("kind"));
            given().contentType("application/json").body(blow(UUID.randomUUID().toString(), "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + UUID.randomUUID() + "/whistles")
                    .then().statusCode(404).body("code", equalTo("CASE_NOT_FOUND"));
            given().contentType("application/json").body("{\"departmentCode\":\"ZHZF\",\"staffId\":\"a\",\"longitude\":500,\"latitude\":35}")
                    .post("/api/v1/whistles/" + UUID.randomUUID() + "/duty-reports")
                    .then().statusCode(400).body("field", equalTo("longitude"));
        }
    }

    private static List<String> escalations(TopicTail tail, String caseId) {
        return tail.forSubject(caseId).stream()
                .filter(r -> r.event().path("type").asText().equals("dispatch.escalated"))
                .map(r -> r.event().path("data"))
                .map(d -> d.path("departmentCode").asText() + "/" + d.path("level").asInt() + "/" + d.path("to").asText())
                .toList();
    }

    private static List<String> types(TopicTail tail, String caseId) {
        return tail.forSubject(caseId).stream().map(r -> r.event().path("type").asText()).toList();
    }
}
