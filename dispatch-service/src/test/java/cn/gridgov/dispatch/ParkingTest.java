package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.kit.testing.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A bad case event blocks its case, not the batch consumer: it is parked (table and dead-letter
 * topic), the rest of its batch is applied, its case's later events wait behind it, and an
 * administrator discards or replays them. Real Kafka, PostgreSQL and Keycloak tokens.
 */
@QuarkusTest
class ParkingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName(
            "a case.accepted without its snapshot is parked at once; the other cases of the batch are routed; the case's "
                    + "later acceptance waits behind it; discarded, the rest of the case is replayed and routed")
    void aCaseEventWithoutSnapshotBlocksItsCaseNotTheBatch() throws Exception {
        var poisoned = Snapshot.of("0301", "G07");
        var healthy =
                List.of(
                        Snapshot.of("0301", "G07"),
                        Snapshot.of("0301", "G08"),
                        Snapshot.of("0301", "G09"));
        var poisonId = UUID.randomUUID();
        try (var deadLetters = new TopicTail(bootstrap, CaseEvents.TOPIC + ".dlq");
                var cases = new CaseEvents(bootstrap)) {
            var withoutData = CaseEvents.event(poisonId, CaseTypes.ACCEPTED, poisoned);
            cases.publishRaw(
                    poisoned.id(),
                    withoutData.substring(0, withoutData.indexOf(",\"data\":")) + "}");
            for (var snapshot : healthy) {
                cases.publish(CaseTypes.ACCEPTED, snapshot);
            }
            cases.publish(CaseTypes.ACCEPTED, poisoned);

            for (var snapshot : healthy) {
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () ->
                                        as(DISPATCHER)
                                                .get("/api/v1/routing-decisions/" + snapshot.id())
                                                .then()
                                                .statusCode(200));
            }
            var parked = awaitParked(poisoned.id(), 2);
            assertThat(parked.get(0))
                    .containsEntry("eventId", poisonId.toString())
                    .containsEntry("reason", "FAILED")
                    .containsEntry("attempts", 1)
                    .containsEntry("consumer", "case-events");
            assertThat((String) parked.get(0).get("error")).contains("carries no snapshot");
            assertThat(parked.get(1)).containsEntry("reason", "BEHIND");
            as(DISPATCHER).get("/api/v1/routing-decisions/" + poisoned.id()).then().statusCode(404);

            var copies =
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> deadLetters.forSubject(poisoned.id()), l -> l.size() == 2);
            assertThat(copies.get(0).headers())
                    .containsEntry("gridgov-parked-reason", "FAILED")
                    .containsEntry("gridgov-original-topic", CaseEvents.TOPIC);
            assertThat(copies.get(0).event().path("id").asText()).isEqualTo(poisonId.toString());
        }

        var ids = awaitParked(poisoned.id(), 2).stream().map(row -> row.get("id")).toList();
        admin().post("/api/v1/parked-events/" + ids.get(0) + "/discard")
                .then()
                .statusCode(200)
                .body("resolution", equalTo("DISCARDED"));
        admin().post("/api/v1/parked-events/subjects/" + poisoned.id() + "/replay")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(ids.get(1))))
                .body("result", equalTo(List.of("REPLAYED")));
        as(DISPATCHER)
                .get("/api/v1/routing-decisions/" + poisoned.id())
                .then()
                .statusCode(200)
                .body("departmentCode", equalTo("PCS"));
    }

    @Test
    @DisplayName(
            "records that are no CloudEvent are parked without a subject and hold nothing back; an event of a type "
                    + "dispatch-service does not declare is parked, not skipped, and its case waits behind it")
    void unreadableAndUndeclaredRecordsAreParked() throws Exception {
        var publicOrder = Snapshot.of("0301", "G07");
        var newType = Snapshot.of("0301", "G07");
        var marker = UUID.randomUUID().toString();
        var undeclaredId = UUID.randomUUID();
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publishRaw(publicOrder.id(), "{this is not json " + marker);
            cases.publishRaw(
                    publicOrder.id(),
                    "{\"specversion\":\"1.0\",\"id\":\""
                            + marker
                            + "\",\"type\":\""
                            + CaseTypes.ACCEPTED.name()
                            + "\"}");
            cases.publish(CaseTypes.ACCEPTED, publicOrder);
            // A type no contract declares (yet): published as it is, past the double's contract
            // check.
            cases.publishRaw(
                    newType.id(),
                    CaseEvents.event(undeclaredId, CaseTypes.ACCEPTED, newType)
                            .replace(
                                    "\"" + CaseTypes.ACCEPTED.name() + "\"",
                                    "\"case.something-new\""));
            cases.publish(CaseTypes.ACCEPTED, newType);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + publicOrder.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("PCS")));
        var unreadable =
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () ->
                                        admin()
                                                .queryParam("limit", 1000)
                                                .get("/api/v1/parked-events")
                                                .then()
                                                .statusCode(200)
                                                .extract()
                                                .jsonPath()
                                                .<Map<String, Object>>getList("")
                                                .stream()
                                                .filter(
                                                        row ->
                                                                String.valueOf(row.get("payload"))
                                                                        .contains(marker))
                                                .toList(),
                                l -> l.size() == 2);
        assertThat(unreadable)
                .allSatisfy(
                        row ->
                                assertThat(row)
                                        .containsEntry("reason", "UNREADABLE")
                                        .containsEntry("subject", null));

        var parked = awaitParked(newType.id(), 2);
        assertThat(parked.get(0))
                .containsEntry("eventId", undeclaredId.toString())
                .containsEntry("reason", "UNDECLARED_TYPE")
                .containsEntry("type", "case.something-new");
        assertThat(parked.get(1)).containsEntry("reason", "BEHIND");
        as(DISPATCHER).get("/api/v1/routing-decisions/" + newType.id()).then().statusCode(404);
        for (var row : unreadable) {
            admin().post("/api/v1/parked-events/" + row.get("id") + "/discard")
                    .then()
                    .statusCode(200);
        }
    }

    private static RequestSpecification admin() {
        return as("CC-ADMIN-1").contentType(ContentType.JSON);
    }

    private static List<Map<String, Object>> awaitParked(String subject, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                admin().queryParam("subject", subject)
                                        .get("/api/v1/parked-events")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath()
                                        .<Map<String, Object>>getList(""),
                        rows -> rows.size() == count);
    }
}
