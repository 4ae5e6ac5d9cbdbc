package cn.gridgov.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Routing driven through the real Kafka broker and PostgreSQL. */
@QuarkusTest
class CaseRoutingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName("a reported case is routed by its category and the decision is published once, even when the report event comes twice")
    void reportedCaseIsRoutedOnce() throws Exception {
        var caseId = UUID.randomUUID().toString();
        var event = caseReported(UUID.randomUUID().toString(), caseId, "0102");
        try (var tail = new TopicTail(bootstrap, "dispatch-events.v1"); var producer = producer()) {
            producer.send(new ProducerRecord<>("case-events.v1", caseId, event)).get();
            producer.send(new ProducerRecord<>("case-events.v1", caseId, event)).get();

            var routed = await().atMost(Duration.ofSeconds(30))
                    .until(() -> tail.forSubject(caseId), list -> !list.isEmpty());
            assertThat(routed.get(0).key()).isEqualTo(caseId);
            assertThat(routed.get(0).event().path("type").asText()).isEqualTo("dispatch.routed");
            assertThat(routed.get(0).event().path("data").path("departmentCode").asText()).isEqualTo("ZJJ");
            assertThat(routed.get(0).event().path("data").path("ruleId").asText()).isEqualTo("R-0102");

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> tail.forSubject(caseId).size() == 1);
        }
        given().when().get("/api/v1/routing-decisions/" + caseId)
                .then().statusCode(200).body("departmentCode", equalTo("ZJJ")).body("ruleId", equalTo("R-0102"));
    }

    @Test
    @DisplayName("a category no rule names goes to the command center by the fallback rule")
    void unknownCategoryGoesToCommandCenter() throws Exception {
        var caseId = UUID.randomUUID().toString();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>("case-events.v1", caseId,
                    caseReported(UUID.randomUUID().toString(), caseId, "9901"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/api/v1/routing-decisions/" + caseId)
                .then().statusCode(200).body("departmentCode", equalTo("CC")).body("ruleId", equalTo("R-FALLBACK")));
    }

    @Test
    @DisplayName("an unreadable record is skipped and routing goes on")
    void unreadableRecordIsSkipped() throws Exception {
        var caseId = UUID.randomUUID().toString();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>("case-events.v1", caseId, "{this is not json")).get();
            producer.send(new ProducerRecord<>("case-events.v1", caseId,
                    caseReported(UUID.randomUUID().toString(), caseId, "0301"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/api/v1/routing-decisions/" + caseId)
                .then().statusCode(200).body("departmentCode", equalTo("PCS")));
    }

    @Test
    @DisplayName("asking for the decision of a case never routed is a 404 with a JSON body")
    void unknownDecisionIsNotFound() {
        given().when().get("/api/v1/routing-decisions/" + UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("DECISION_NOT_FOUND"));
    }

    private KafkaProducer<String, String> producer() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static String caseReported(String eventId, String caseId, String category) {
        return """
                {"specversion":"1.0","id":"%s","source":"/gridgov/case-service","type":"case.reported",
                 "subject":"%s","time":"2026-11-22T01:00:00Z","datacontenttype":"application/json",
                 "data":{"caseId":"%s","number":"2026-900001","category":"%s","gridCode":"G07"}}"""
                .formatted(eventId, caseId, caseId, category);
    }
}
