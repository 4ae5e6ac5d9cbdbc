package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.dispatch.whistle.WhistleEscalator;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
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

    @ConfigProperty(name = DispatchEvents.TOPIC_CONFIG)
    String dispatchEventsTopic;

    @Inject MovableClock clock;

    @Inject WhistleEscalator escalator;

    @Inject AgroalDataSource db;

    private static String blow(String whistleId, String departments) {
        return """
                {"whistleId":"%s","kind":"HARD_CASE","departments":%s}"""
                .formatted(whistleId, departments);
    }

    /** Where the reporting person stands; who they are (and so their department) is their token. */
    private static String report(double lon, double lat) {
        return """
                {"longitude":%s,"latitude":%s}"""
                .formatted(lon, lat);
    }

    private Snapshot acceptedCase(CaseEvents cases) throws Exception {
        var construction = Snapshot.of("0103", "G04").dedicated("DG-PORT").at(119.11, 35.003);
        cases.publish(CaseTypes.ACCEPTED, construction);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + construction.id())
                                        .then()
                                        .statusCode(200));
        return construction;
    }

    @Test
    @DisplayName(
            "a summoned department reads the case from the whistle on; departments reporting within 200 m count as arrived; the one reporting from far away is escalated to the supervisor, then to leadership, once each; the whistle closes with the case")
    void portWhistle() throws Exception {
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            var whistleId = UUID.randomUUID().toString();
            // The police station is none of the case's handlers: it reads the case once summoned.
            as("PCS-1")
                    .get("/api/v1/routing-decisions/" + port.id())
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_YOUR_CASE"));
            // The port's grid G04 blows it: its grid chief, as the token says.
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(whistleId, "[\"ZHZF\",\"GTS\",\"PCS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(201)
                    .body("whistleId", equalTo(whistleId))
                    .body("state", equalTo("OPEN"))
                    .body("departments.size()", equalTo(3))
                    .body("blownBy", equalTo(CHIEF));
            // The same whistle sent again is the same whistle.
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(whistleId, "[\"ZHZF\",\"GTS\",\"PCS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(201)
                    .body("whistleId", equalTo(whistleId));

            as("PCS-1").get("/api/v1/routing-decisions/" + port.id()).then().statusCode(200);
            as("PCS-1").get("/api/v1/whistles/" + whistleId).then().statusCode(200);
            as("ZHZF-1")
                    .contentType("application/json")
                    .body(report(119.1105, 35.0033))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then()
                    .statusCode(200)
                    .body("arrived", equalTo(true));
            as("PCS-1")
                    .contentType("application/json")
                    .body(report(119.111, 35.004))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then()
                    .statusCode(200)
                    .body("arrived", equalTo(true));
            as("GTS-1")
                    .contentType("application/json")
                    .body(report(119.165, 35.004))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then()
                    .statusCode(200)
                    .body("arrived", equalTo(false))
                    .body("message", containsString("not counted as arrived"));
            as("JD-S1-1")
                    .contentType("application/json")
                    .body(report(119.11, 35.003))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_SUMMONED"));
            as(DISPATCHER)
                    .get("/api/v1/whistles/" + whistleId)
                    .then()
                    .body(
                            "departments.find { it.departmentCode == 'ZHZF' }.arrivedStaffId",
                            equalTo("ZHZF-1"));

            clock.advance(Duration.ofMinutes(31));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> escalations(tail, port.id()), e -> e.size() == 1);
            assertThat(escalations(tail, port.id())).containsExactly("GTS/1/SUPERVISOR");
            as(DISPATCHER)
                    .get("/api/v1/whistle-board")
                    .then()
                    .statusCode(200)
                    .body(
                            "find { it.whistleId == '"
                                    + whistleId
                                    + "' }.departments.find { it.departmentCode == 'GTS' }.escalationLevel",
                            equalTo(1))
                    .body(
                            "find { it.whistleId == '"
                                    + whistleId
                                    + "' }.departments.find { it.departmentCode == 'ZHZF' }.arrived",
                            equalTo(true));

            clock.advance(Duration.ofMinutes(30));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> escalations(tail, port.id()), e -> e.size() == 2);
            escalator.scan().await().indefinitely();
            clock.advance(Duration.ofMinutes(60));
            escalator.scan().await().indefinitely();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> escalations(tail, port.id()).size() == 2);
            assertThat(escalations(tail, port.id()))
                    .containsExactly("GTS/1/SUPERVISOR", "GTS/2/LEADERSHIP");

            // 事不完，人不走: the whistle stays open until the case is closed.
            as(DISPATCHER)
                    .get("/api/v1/whistles/" + whistleId)
                    .then()
                    .body("state", equalTo("OPEN"));
            cases.publish(CaseTypes.CLOSED, port.status("CLOSED", null));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/whistles/" + whistleId)
                                            .then()
                                            .body("state", equalTo("CLOSED")));
            await().atMost(Duration.ofSeconds(20))
                    .until(
                            () ->
                                    types(tail, port.id())
                                            .contains(DispatchTypes.WHISTLE_CLOSED.name()));
            assertThat(types(tail, port.id()))
                    .containsSubsequence(
                            DispatchTypes.ROUTED.name(),
                            DispatchTypes.WHISTLE_BLOWN.name(),
                            DispatchTypes.REPORTED_FOR_DUTY.name(),
                            DispatchTypes.ESCALATED.name(),
                            DispatchTypes.ESCALATED.name(),
                            DispatchTypes.WHISTLE_CLOSED.name());
            assertThat(
                            types(tail, port.id()).stream()
                                    .filter(DispatchTypes.WHISTLE_BLOWN::is)
                                    .count())
                    .isEqualTo(1);

            as("GTS-1")
                    .contentType("application/json")
                    .body(report(119.11, 35.003))
                    .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("WHISTLE_CLOSED"));
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(UUID.randomUUID().toString(), "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CASE_CLOSED"))
                    .body("field", equalTo("caseId"));
            as(DISPATCHER)
                    .get("/api/v1/whistle-board")
                    .then()
                    .body("findAll { it.whistleId == '" + whistleId + "' }.size()", equalTo(0));
        }
    }

    @Test
    @DisplayName(
            "whether a case is open is the snapshot's word, whatever the event: parked it keeps its whistle and takes a new one; an event saying it is no longer open closes them, even one of a type that never ended a case before")
    void openIsTheSnapshotsWord() throws Exception {
        try (var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            var whistleId = UUID.randomUUID().toString();
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(whistleId, "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(201);

            cases.publish(CaseTypes.PARKED, port.status("PARKED", "REVIEW"));
            // Parked is open: a new whistle is blown (after the parking was applied), the first
            // stays open.
            var second = UUID.randomUUID().toString();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> caseFile(port.id()), equalTo("PARKED/true"));
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(second, "[\"GTS\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(201);
            as(DISPATCHER)
                    .get("/api/v1/whistles/" + whistleId)
                    .then()
                    .body("state", equalTo("OPEN"));

            // An evaluated case is not open: its whistles close, though case.evaluated never closed
            // one before.
            cases.publish(CaseTypes.EVALUATED, port.status("EVALUATED", null));
            for (var id : List.of(whistleId, second)) {
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () ->
                                        as(DISPATCHER)
                                                .get("/api/v1/whistles/" + id)
                                                .then()
                                                .body("state", equalTo("CLOSED")));
            }
        }
    }

    @Test
    @DisplayName(
            "a whistle summoning an unknown department, nobody, or on an unknown case is refused with the field named")
    void badWhistles() throws Exception {
        try (var cases = new CaseEvents(bootstrap)) {
            var port = acceptedCase(cases);
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(UUID.randomUUID().toString(), "[\"ZHZF\",\"NOBODY\"]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("UNKNOWN_DEPARTMENT"))
                    .body("field", equalTo("departments"));
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(UUID.randomUUID().toString(), "[]"))
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("departments"));
            as(CHIEF)
                    .contentType("application/json")
                    .body("{\"kind\":\"LOUD\",\"departments\":[\"ZHZF\"]}")
                    .post("/api/v1/cases/" + port.id() + "/whistles")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("kind"));
            as(CHIEF)
                    .contentType("application/json")
                    .body(blow(UUID.randomUUID().toString(), "[\"ZHZF\"]"))
                    .post("/api/v1/cases/" + UUID.randomUUID() + "/whistles")
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("CASE_NOT_FOUND"));
            as("ZHZF-1")
                    .contentType("application/json")
                    .body("{\"longitude\":500,\"latitude\":35}")
                    .post("/api/v1/whistles/" + UUID.randomUUID() + "/duty-reports")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("longitude"));
        }
    }

    private static List<String> escalations(TopicTail tail, String caseId) {
        return tail.forSubject(caseId).stream()
                .filter(r -> r.event().path("type").asText().equals(DispatchTypes.ESCALATED.name()))
                .map(r -> r.event().path("data"))
                .map(
                        d ->
                                d.path("departmentCode").asText()
                                        + "/"
                                        + d.path("level").asInt()
                                        + "/"
                                        + d.path("to").asText())
                .toList();
    }

    /** The case as dispatch-service keeps it: status/open. */
    private String caseFile(String caseId) throws Exception {
        try (var connection = db.getConnection();
                var query =
                        connection.prepareStatement(
                                "select status, open from case_file where case_id = ?::uuid")) {
            query.setString(1, caseId);
            try (var row = query.executeQuery()) {
                return row.next() ? row.getString(1) + "/" + row.getObject(2) : null;
            }
        }
    }

    private static List<String> types(TopicTail tail, String caseId) {
        return tail.forSubject(caseId).stream().map(r -> r.event().path("type").asText()).toList();
    }
}
