package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.StaffChanged;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.kit.testing.ContractEvents;
import cn.gridgov.kit.testing.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Routing driven through the real Kafka broker and PostgreSQL. */
@QuarkusTest
class CaseRoutingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = DispatchEvents.TOPIC_CONFIG)
    String dispatchEventsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.grid-events.topic")
    String gridEventsTopic;

    @Test
    @DisplayName(
            "an accepted case is routed by its category and the decision is published once, even when the event comes twice")
    void acceptedCaseIsRoutedOnce() throws Exception {
        var pothole = Snapshot.of("0102", "G07");
        var event = CaseEvents.event(UUID.randomUUID(), CaseTypes.ACCEPTED, pothole);
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            cases.publishRaw(pothole.id(), event);
            cases.publishRaw(pothole.id(), event);

            var routed =
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> tail.forSubject(pothole.id()), list -> !list.isEmpty());
            assertThat(routed.get(0).key()).isEqualTo(pothole.id());
            assertThat(routed.get(0).contentType()).startsWith("application/cloudevents+json");
            assertThat(routed.get(0).event().path("source").asText())
                    .isEqualTo("/gridgov/dispatch-service");
            var data = routed.get(0).event().path("data");
            assertThat(routed.get(0).event().path("type").asText())
                    .isEqualTo(DispatchTypes.ROUTED.name());
            assertThat(data.path("departmentCode").asText()).isEqualTo("ZJJ");
            assertThat(data.path("departmentName").asText()).isEqualTo("区住建局");
            assertThat(data.path("ruleId").asText()).isEqualTo("R-0102");
            assertThat(data.path("caseNumber").asText()).isEqualTo(pothole.number());
            assertThat(data.path("mode").asText()).isEqualTo("DEPARTMENT");
            assertThat(data.path("reason").asText()).contains("R-0102");
            assertThat(data.path("decidedAt").isTextual()).isTrue();

            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> tail.forSubject(pothole.id()).size() == 1);
        }
        as(DISPATCHER)
                .when()
                .get("/api/v1/routing-decisions/" + pothole.id())
                .then()
                .statusCode(200)
                .body("departmentCode", equalTo("ZJJ"))
                .body("ruleId", equalTo("R-0102"));
    }

    @Test
    @DisplayName("a reported case is not routed yet: routing waits for the case to be accepted")
    void reportedCaseWaitsForAcceptance() throws Exception {
        var manhole = Snapshot.of("0101", "G07").status("REPORTED", "VERIFY");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.REPORTED, manhole);
            var accepted = Snapshot.of("0101", "G07");
            cases.publish(CaseTypes.ACCEPTED, accepted);
            // Once a later case has been routed, the earlier report has certainly been read.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/routing-decisions/" + accepted.id())
                                            .then()
                                            .statusCode(200)
                                            .body("departmentCode", equalTo("ZHZF"))
                                            .body("coHandlers[0]", equalTo("ZJJ")));
            as(DISPATCHER).get("/api/v1/routing-decisions/" + manhole.id()).then().statusCode(404);

            cases.publish(CaseTypes.ACCEPTED, manhole.status("ACCEPTED", "DISPATCH"));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + manhole.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("ZHZF")));
    }

    @Test
    @DisplayName(
            "port matters inside the port's dedicated grid go to the port authority, disputes stay in the grid")
    void dedicatedGridAndInGrid() throws Exception {
        var atPort = Snapshot.of("0103", "G04").dedicated("DG-PORT");
        var dispute = Snapshot.of("0201", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, atPort);
            cases.publish(CaseTypes.ACCEPTED, dispute);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + atPort.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("GKJ"))
                                        .body("ruleId", equalTo("R-PORT-01")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + dispute.id())
                                        .then()
                                        .statusCode(200)
                                        .body("mode", equalTo("IN_GRID"))
                                        .body("departmentCode", equalTo("GRID")));
    }

    @Test
    @DisplayName("a category no rule names goes to the command center by the fallback rule")
    void unknownCategoryGoesToCommandCenter() throws Exception {
        var odd = Snapshot.of("9901", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, odd);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + odd.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("CC"))
                                        .body("mode", equalTo("MANUAL"))
                                        .body("ruleId", equalTo("R-FALLBACK")));
    }

    @Test
    @DisplayName(
            "a natural person's licence case goes to the town; sent back, it goes to the district regulator and the send-back is counted")
    void sendBackRoutesAgain() throws Exception {
        var shop = Snapshot.of("0501", "G07").subject("NATURAL_PERSON");
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, shop);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/routing-decisions/" + shop.id())
                                            .then()
                                            .statusCode(200)
                                            .body("departmentCode", equalTo("JD-S2"))
                                            .body("ruleId", equalTo("R-05-NP")));

            // Only the lead's own staff send it back: the district regulator's staff are refused,
            // the body says nothing of who acts.
            as("SCJG-1")
                    .contentType("application/json")
                    .body("{\"reason\":\"not ours\"}")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/send-back")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_YOUR_DEPARTMENT"));
            as("JD-S2-1")
                    .contentType("application/json")
                    .body("{}")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/send-back")
                    .then()
                    .statusCode(400)
                    .body("field", equalTo("reason"));

            as("JD-S2-1")
                    .contentType("application/json")
                    .body("{\"reason\":\"a company's licence: the district regulator\"}")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/send-back")
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("SCJG"))
                    .body("sendBackCount", equalTo(1))
                    .body("reason", containsString("passed over R-05-NP"));

            as(DISPATCHER)
                    .get("/api/v1/dispatch-queue")
                    .then()
                    .statusCode(200)
                    .body(
                            "find { it.caseId == '" + shop.id() + "' }.departmentCode",
                            equalTo("SCJG"));

            // The town that sent it back is no longer the lead and cannot accept it.
            as("JD-S2-1")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/acceptance")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_YOUR_DEPARTMENT"));
            as("SCJG-1")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/acceptance")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("ACCEPTED"))
                    .body("acceptedBy", equalTo("SCJG-1"));
            // A retried acceptance (by a colleague of the same department) answers the same and
            // announces nothing new.
            as("SCJG-2")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/acceptance")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("ACCEPTED"));

            var types =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            tail.forSubject(shop.id()).stream()
                                                    .map(r -> r.event().path("type").asText())
                                                    .toList(),
                                    list -> list.size() >= 4);
            assertThat(types)
                    .containsExactly(
                            DispatchTypes.ROUTED.name(),
                            DispatchTypes.SENT_BACK.name(),
                            DispatchTypes.ROUTED.name(),
                            DispatchTypes.DEPARTMENT_ACCEPTED.name());
            var sentBack = tail.forSubject(shop.id()).get(1).event().path("data");
            assertThat(sentBack.path("sendBackCount").asInt()).isEqualTo(1);
            assertThat(sentBack.path("departmentCode").asText()).isEqualTo("JD-S2");
            assertThat(sentBack.path("staffId").asText()).isEqualTo("JD-S2-1");
            assertThat(sentBack.path("actor").path("role").asText()).isEqualTo("DEPARTMENT_STAFF");
            var accepted = tail.forSubject(shop.id()).get(3).event().path("data");
            assertThat(accepted.path("departmentCode").asText()).isEqualTo("SCJG");
            assertThat(accepted.path("staffId").asText()).isEqualTo("SCJG-1");
        }
        as(DISPATCHER)
                .get("/api/v1/dispatch-queue")
                .then()
                .statusCode(200)
                .body("findAll { it.caseId == '" + shop.id() + "' }.size()", equalTo(0));
    }

    @Test
    @DisplayName(
            "a closed case reopened by case-service (reported again at its place) is routed anew, past the department that sent it back, and waits in the queue again")
    void reopenedCaseIsRoutedAgain() throws Exception {
        var shop = Snapshot.of("0501", "G07").subject("NATURAL_PERSON");
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, shop);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/routing-decisions/" + shop.id())
                                            .then()
                                            .statusCode(200)
                                            .body("departmentCode", equalTo("JD-S2")));
            as("JD-S2-1")
                    .contentType("application/json")
                    .body("{\"reason\":\"a company's licence: the district regulator\"}")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/send-back")
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("SCJG"));
            as("SCJG-1")
                    .post("/api/v1/routing-decisions/" + shop.id() + "/acceptance")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("ACCEPTED"));
            cases.publish(CaseTypes.CLOSED, shop.status("CLOSED", "EVALUATE"));

            cases.publish(CaseTypes.REOPENED, shop.status("ACCEPTED", "DISPATCH"));

            var types =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            tail.forSubject(shop.id()).stream()
                                                    .map(r -> r.event().path("type").asText())
                                                    .toList(),
                                    list -> list.size() >= 5);
            assertThat(types)
                    .containsExactly(
                            DispatchTypes.ROUTED.name(),
                            DispatchTypes.SENT_BACK.name(),
                            DispatchTypes.ROUTED.name(),
                            DispatchTypes.DEPARTMENT_ACCEPTED.name(),
                            DispatchTypes.ROUTED.name());
            assertThat(
                            tail.forSubject(shop.id())
                                    .get(4)
                                    .event()
                                    .path("data")
                                    .path("departmentCode")
                                    .asText())
                    .isEqualTo("SCJG");
        }
        as(DISPATCHER)
                .get("/api/v1/routing-decisions/" + shop.id())
                .then()
                .statusCode(200)
                .body("departmentCode", equalTo("SCJG"))
                .body("state", equalTo("ROUTED"))
                .body("acceptedBy", equalTo(null))
                .body("sendBackCount", equalTo(1));
        as(DISPATCHER)
                .get("/api/v1/dispatch-queue")
                .then()
                .statusCode(200)
                .body("find { it.caseId == '" + shop.id() + "' }.departmentCode", equalTo("SCJG"));
    }

    @Test
    @DisplayName("a dispatcher overrides the rules, and the decision says who and why")
    void dispatcherOverrides() throws Exception {
        var odd = Snapshot.of("9902", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, odd);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/dispatch-queue")
                                        .then()
                                        .body(
                                                "find { it.caseId == '" + odd.id() + "' }.mode",
                                                equalTo("MANUAL")));

        // A department's staff cannot dispatch by hand, whatever the body says.
        as("ZHZF-1")
                .contentType("application/json")
                .body(
                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZHZF\",\"reason\":\"we'll take it\"}")
                .post("/api/v1/routing-decisions/" + odd.id() + "/override")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        as(DISPATCHER)
                .contentType("application/json")
                .body("{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"NOPE\",\"reason\":\"x\"}")
                .post("/api/v1/routing-decisions/" + odd.id() + "/override")
                .then()
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_DEPARTMENT"))
                .body("field", equalTo("departmentCode"));
        as(DISPATCHER)
                .contentType("application/json")
                .body(
                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZHZF\",\"coHandlers\":[\"PCS\"],\"reason\":\"enforcement with police support\"}")
                .post("/api/v1/routing-decisions/" + odd.id() + "/override")
                .then()
                .statusCode(200)
                .body("departmentCode", equalTo("ZHZF"))
                .body("coHandlers", equalTo(List.of("PCS")))
                .body("overriddenBy", equalTo(DISPATCHER))
                .body("ruleId", equalTo("OVERRIDE"))
                .body("reason", containsString("enforcement with police support"));
    }

    @Test
    @DisplayName(
            "a post change announced by grid-service on grid-events.v1 counts at once, with the same token: moved to enforcement, a housing officer may accept enforcement's case")
    void postChangeCountsWithoutANewToken() throws Exception {
        var manhole = Snapshot.of("0101", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, manhole);
        }
        var path = "/api/v1/routing-decisions/" + manhole.id() + "/acceptance";
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + manhole.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("ZHZF")));
        as("ZJJ-2").post(path).then().statusCode(403).body("code", equalTo("NOT_YOUR_DEPARTMENT"));

        var moved =
                ContractEvents.json(
                        "grid-service",
                        GridTypes.STAFF_CHANGED,
                        "ZJJ-2",
                        new StaffChanged(
                                "ZJJ-2",
                                "测试",
                                null,
                                "ZHZF",
                                List.of(new StaffChanged.Post("DEPARTMENT_STAFF", null)),
                                true,
                                null));
        var props = new java.util.Properties();
        props.put(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap);
        var serializer = new org.apache.kafka.common.serialization.StringSerializer();
        try (var producer =
                new org.apache.kafka.clients.producer.KafkaProducer<>(
                        props, serializer, serializer)) {
            producer.send(
                            new org.apache.kafka.clients.producer.ProducerRecord<>(
                                    gridEventsTopic, "ZJJ-2", moved))
                    .get();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("ZJJ-2")
                                        .post(path)
                                        .then()
                                        .statusCode(200)
                                        .body("state", equalTo("ACCEPTED"))
                                        .body("acceptedBy", equalTo("ZJJ-2")));
    }

    @Test
    @DisplayName("asking for the decision of a case never routed is a 404 with a JSON body")
    void unknownDecisionIsNotFound() {
        as(DISPATCHER)
                .when()
                .get("/api/v1/routing-decisions/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("DECISION_NOT_FOUND"));
        as("ZJJ-1")
                .post("/api/v1/routing-decisions/" + UUID.randomUUID() + "/acceptance")
                .then()
                .statusCode(404)
                .body("code", equalTo("DECISION_NOT_FOUND"));
    }
}
