package cn.gridgov.dispatch;

import cn.gridgov.dispatch.messaging.Topics;
import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
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

    /** The grid chief of G04, where the port case lies. */
    private static final String CHIEF = "G04-1";

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
                {"whistleId":"%s","kind":"HARD_CASE","departments":%s}""".formatted(whistleId, departments);
    }

    /** Where the reporting person stands; who they are (and so their department) is their token. */
    private static String report(double lon, double lat) {
        return """
                {"longitude":%s,"latitude":%s}""".formatted(lon, lat);
    }

    private Snapshot acceptedCase(CaseEvents cases) throws Exception {
        var construction = Snapshot.of("0103", "G04").dedicated("DG-PORT").at(119.11, 35.003);
        cases.publish("case.accepted", construction);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(DISPATCHER).get("/api/v1/routing-decisions/" + construction.id())
                .then().statusCode(200));
        return construction;
    }

    @Test
    @DisplayName("departments reporting within 200 m count as arrived; the one reporting from far away is escalated to the supervisor, then to leadership, once each; the whistle closes with the case")
    void portWhistle() throws Exception {
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic); var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            var whistleId = UUID.randomUUID().toString();
            // The port's grid G04 blows it: its grid chief, as the token says.
            as(CHIEF).contentType("application/json").body(blow(whistleId, "[\"ZHZF\",\"GTS\",\"PCS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(201).body("whistleId", equalTo(whistleId)).body("state", equalTo("OPEN"))
                    .body("departments.size()", equalTo(3)).body("blownBy", equalTo(CHIEF));
            // The same whistle sent again is the same whistle.
            as(CHIEF).contentType("application/json").body(blow(whistleId, "[\"ZHZF\",\"GTS\",\"PCS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(201).body("whistleId", equalTo(whistleId));

            as("ZHZF-1").contentType("application/json").body(report(119.1105, 35.0033))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(200).body("arrived", equalTo(true));
            as("PCS-1").contentType("application/json").body(report(119.111, 35.004))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(200).body("arrived", equalTo(true));
            as("GTS-1").contentType("application/json").body(report(119.165, 35.004))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(200).body("arrived", equalTo(false))
                    .body("message", containsString("not counted as arrived"));
            as("JD-S1-1").contentType("application/json").body(report(119.11, 35.003))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(403).body("code", equalTo("NOT_SUMMONED"));
            as(DISPATCHER).get("/api/v1/whistles/" + whistleId).then()
                    .body("departments.find { it.departmentCode == 'ZHZF' }.arrivedStaffId", equalTo("ZHZF-1"));

            clock.advance(Duration.ofMinutes(31));
            await().atMost(Duration.ofSeconds(20)).until(() -> escalations(tail, port.id()), e -> e.size() == 1);
            assertThat(escalations(tail, port.id())).containsExactly("GTS/1/SUPERVISOR");
            as(DISPATCHER).get("/api/v1/whistle-board").then().statusCode(200)
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
            as(DISPATCHER).get("/api/v1/whistles/" + whistleId).then().body("state", equalTo("OPEN"));
            cases.publish("case.closed", port.status("CLOSED", null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(DISPATCHER).get("/api/v1/whistles/" + whistleId)
                    .then().body("state", equalTo("CLOSED")));
            await().atMost(Duration.ofSeconds(20)).until(() -> types(tail, port.id()).contains("dispatch.whistle-closed"));
            assertThat(types(tail, port.id())).containsSubsequence("dispatch.routed", "dispatch.whistle-blown",
                    "dispatch.reported-for-duty", "dispatch.escalated", "dispatch.escalated", "dispatch.whistle-closed");
            assertThat(types(tail, port.id()).stream().filter("dispatch.whistle-blown"::equals).count()).isEqualTo(1);

            as("GTS-1").contentType("application/json").body(report(119.11, 35.003))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then().statusCode(409).body("code", equalTo("WHISTLE_CLOSED"));
            as(CHIEF).contentType("application/json").body(blow(UUID.randomUUID().toString(), "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(409).body("code", equalTo("CASE_CLOSED")).body("field", equalTo("caseId"));
            as(DISPATCHER).get("/api/v1/whistle-board").then()
                    .body("findAll { it.whistleId == '" + whistleId + "' }.size()", equalTo(0));
        }
    }

    @Test
    @DisplayName("a whistle summoning an unknown department, nobody, or on an unknown case is refused with the field named")
    void badWhistles() throws Exception {
        try (var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            as(CHIEF).contentType("application/json").body(blow(UUID.randomUUID().toString(), "[\"ZHZF\",\"NOBODY\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(422).body("code", equalTo("UNKNOWN_DEPARTMENT")).body("field", equalTo("departments"));
            as(CHIEF).contentType("application/json").body(blow(UUID.randomUUID().toString(), "[]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(400).body("field", equalTo("departments"));
            as(CHIEF).contentType("application/json").body("{\"kind\":\"LOUD\",\"departments\":[\"ZHZF\"]}")
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then().statusCode(400).body("field", equalTo("kind"));
            as(CHIEF).contentType("application/json").body(blow(UUID.randomUUID().toString(), "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + UUID.randomUUID() + "/whistles")
                    .then().statusCode(404).body("code", equalTo("CASE_NOT_FOUND"));
            as("ZHZF-1").contentType("application/json").body("{\"longitude\":500,\"latitude\":35}")
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
