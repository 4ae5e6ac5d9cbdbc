package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.messaging.DispatchEventConsumer;
import cn.gridgov.cases.workflow.CaseChanges;
import cn.gridgov.cases.workflow.DispatchReactions;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.inbox.Inbox;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.testing.TopicTail;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A bad record blocks its case, not the consumer: dispatch-service's events that case-service
 * cannot apply are parked (table and dead-letter topic), a parked case's later events wait behind,
 * the other cases flow on, and an administrator replays them in order after a fix. Real Kafka,
 * PostgreSQL and Keycloak tokens; the fix is a release, played by swapping the bean it changes.
 */
@QuarkusTest
class ParkingTest {

    private static final String ADMIN = "CC-ADMIN-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.incoming.dispatch-events.topic")
    String topic;

    @Inject CaseRepository cases;

    @Inject CaseChanges changes;

    @Inject ObjectMapper json;

    @Inject Inbox inbox;

    @Inject DispatchReactions reactions;

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
            "a dispatch.routed with no data is unusable, parked at its first attempt with its error, on the table and the dead-letter "
                    + "topic; other cases are routed meanwhile; the case's later routing waits behind it; after a fix, a replay of "
                    + "the case applies both in order")
    void aPoisonEventBlocksItsCaseNotTheConsumer() {
        var poisoned = acceptedCase();
        var healthy = List.of(acceptedCase(), acceptedCase(), acceptedCase());
        try (var deadLetters = new TopicTail(bootstrap, topic + ".dlq")) {
            var poison = poison(poisoned, "dispatch.routed");
            dispatch.publishRaw(poisoned, poison.json());
            healthy.forEach(caseId -> dispatch.routed(caseId, "DEPARTMENT", "ZHZF"));
            var later =
                    dispatch.overridden(poisoned, "ZJJ", "区住建局", "by hand after the broken one");

            healthy.forEach(caseId -> awaitStatus(caseId, "DISPATCHED"));
            var parked = awaitParked(poisoned, 2);
            assertThat(parked.get(0))
                    .containsEntry("eventId", poison.id())
                    .containsEntry("reason", "FAILED")
                    .containsEntry("attempts", 1)
                    .containsEntry("consumer", "dispatch-events")
                    .containsEntry("topic", topic);
            assertThat((String) parked.get(0).get("error"))
                    .contains("UnusableEvent")
                    .contains("dispatch.routed " + poison.id() + " of " + poisoned + " has no data")
                    .doesNotContain("NullPointerException");
            assertThat(parked.get(1))
                    .containsEntry("eventId", later)
                    .containsEntry("reason", "BEHIND");
            status(poisoned, "ACCEPTED");

            var copies =
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> deadLetters.forSubject(poisoned), l -> l.size() == 2);
            assertThat(copies)
                    .extracting(r -> r.event().path("id").asText())
                    .containsExactly(poison.id(), later);
            assertThat(copies.get(0).key()).isEqualTo(poisoned);
            assertThat(copies.get(0).headers())
                    .containsEntry("gridgov-parked-reason", "FAILED")
                    .containsEntry("gridgov-parked-consumer", "dispatch-events")
                    .containsEntry("gridgov-original-topic", topic)
                    .containsEntry("gridgov-parked-attempts", "1");
            assertThat(copies.get(0).headers().get("gridgov-parked-error")).contains("has no data");
            assertThat(copies.get(1).headers()).containsEntry("gridgov-parked-reason", "BEHIND");
        }

        // The count shows on the gauge and the readiness check, which stays UP: one case waits, the
        // service serves.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(parkedGauge()).isGreaterThanOrEqualTo(2));
        RestAssured.when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'parked-events' }.status", equalTo("UP"))
                .body(
                        "checks.find { it.name == 'parked-events' }.data.parked",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(2));

        var ids =
                awaitParked(poisoned, 2).stream()
                        .map(row -> ((Number) row.get("id")).longValue())
                        .toList();
        // The later event may not jump the queue; without a fix the poison fails again and keeps
        // waiting.
        admin().post("/api/v1/parked-events/" + ids.get(1) + "/replay")
                .then()
                .statusCode(409)
                .body("code", equalTo("NOT_FIRST_OF_SUBJECT"));
        admin().post("/api/v1/parked-events/subjects/" + poisoned + "/replay")
                .then()
                .statusCode(200)
                .body("result", equalTo(List.of("STILL_FAILING")));
        assertThat(awaitParked(poisoned, 2).get(0)).containsEntry("attempts", 2);

        // The fix: a release that notes a routing without data on the case's timeline instead of
        // failing.
        QuarkusMock.installMockForType(
                new NotesRoutingsWithoutData(cases, changes, json), DispatchReactions.class);
        admin().post("/api/v1/parked-events/subjects/" + poisoned + "/replay")
                .then()
                .statusCode(200)
                .body("id", equalTo(ids.stream().map(Long::intValue).toList()))
                .body("result", equalTo(List.of("REPLAYED", "REPLAYED")));

        status(poisoned, "DISPATCHED");
        var actions =
                as("CC-DUTY_CHIEF-1")
                        .when()
                        .get("/api/v1/cases/" + poisoned + "/timeline")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>jsonPath()
                        .getList("action", String.class);
        assertThat(actions.indexOf("ROUTING_WITHOUT_DATA"))
                .isNotNegative()
                .isLessThan(actions.lastIndexOf("DISPATCHED"));
        admin().queryParam("subject", poisoned)
                .get("/api/v1/parked-events")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        admin().post("/api/v1/parked-events/" + ids.get(0) + "/replay")
                .then()
                .statusCode(409)
                .body("code", equalTo("ALREADY_RESOLVED"));
    }

    @Test
    @DisplayName(
            "an event of a type case-service neither handles nor ignores is parked, not marked done; its case waits "
                    + "behind it; once a release declares the type, a replay lets both through")
    void anUndeclaredTypeIsParkedAndReplayable() {
        var caseId = acceptedCase();
        var unknown = raw(caseId, "dispatch.future-notice", "{\"note\":\"from the future\"}");
        dispatch.publishRaw(caseId, unknown.json());
        var routed = dispatch.overridden(caseId, "ZHZF", "综合执法局", "after the notice");

        var parked = awaitParked(caseId, 2);
        assertThat(parked.get(0))
                .containsEntry("eventId", unknown.id())
                .containsEntry("reason", "UNDECLARED_TYPE")
                .containsEntry("attempts", 0)
                .containsEntry("type", "dispatch.future-notice");
        assertThat(parked.get(1))
                .containsEntry("eventId", routed)
                .containsEntry("reason", "BEHIND");
        status(caseId, "ACCEPTED");

        admin().post("/api/v1/parked-events/subjects/" + caseId + "/replay")
                .then()
                .statusCode(200)
                .body("result", equalTo(List.of("STILL_FAILING")))
                .body(
                        "error[0]",
                        org.hamcrest.Matchers.containsString("still neither handles nor ignores"));

        // The release decides: case-service knowingly ignores the new type.
        QuarkusMock.installMockForType(
                new DispatchEventConsumer(inbox, reactions, topic) {
                    @Override
                    public Subscription subscription() {
                        return super.subscription().ignoring("dispatch.future-notice");
                    }
                },
                DispatchEventConsumer.class);
        admin().post("/api/v1/parked-events/subjects/" + caseId + "/replay")
                .then()
                .statusCode(200)
                .body("result", equalTo(List.of("REPLAYED", "REPLAYED")));
        status(caseId, "DISPATCHED");
    }

    @Test
    @DisplayName(
            "a record that is not a CloudEvent is parked with no subject, holds nothing back, and an administrator "
                    + "discards it")
    void aRecordThatIsNoCloudEventIsParkedAndDiscarded() {
        var key = "garbage-" + UUID.randomUUID();
        dispatch.publishRaw(key, "{\"not\":\"an event\",\"key\":\"" + key + "\"}");
        var row =
                await().atMost(Duration.ofSeconds(20))
                        .until(
                                () ->
                                        admin()
                                                .queryParam("consumer", "dispatch-events")
                                                .queryParam("limit", 1000)
                                                .get("/api/v1/parked-events")
                                                .then()
                                                .statusCode(200)
                                                .extract()
                                                .jsonPath()
                                                .<Map<String, Object>>getList("")
                                                .stream()
                                                .filter(
                                                        r ->
                                                                String.valueOf(r.get("payload"))
                                                                        .contains(key))
                                                .findFirst(),
                                java.util.Optional::isPresent)
                        .get();
        assertThat(row).containsEntry("reason", "UNREADABLE").containsEntry("subject", null);

        admin().post("/api/v1/parked-events/" + row.get("id") + "/replay")
                .then()
                .statusCode(409)
                .body("code", equalTo("STILL_FAILING"));
        admin().post("/api/v1/parked-events/" + row.get("id") + "/discard")
                .then()
                .statusCode(200)
                .body("resolution", equalTo("DISCARDED"))
                .body("resolvedBy", equalTo(ADMIN));
        admin().queryParam("consumer", "dispatch-events")
                .queryParam("limit", 1000)
                .get("/api/v1/parked-events")
                .then()
                .body("id", not(hasItem(row.get("id"))));
    }

    @Test
    @DisplayName(
            "the operator API is an administrator's alone, and refuses a malformed id or limit with a JSON 400 and an "
                    + "unknown id with a 404")
    void theOperatorApiIsGuardedAndValidated() {
        as("CC-DUTY_CHIEF-1")
                .get("/api/v1/parked-events")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as("CC-SUPERVISOR-1")
                .post("/api/v1/parked-events/1/replay")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        RestAssured.when().get("/api/v1/parked-events").then().statusCode(401);
        admin().post("/api/v1/parked-events/one/replay")
                .then()
                .statusCode(400)
                .body("field", equalTo("id"));
        admin().queryParam("limit", 0)
                .get("/api/v1/parked-events")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
        admin().post("/api/v1/parked-events/" + Long.MAX_VALUE + "/replay")
                .then()
                .statusCode(404)
                .body("code", equalTo("PARKED_EVENT_NOT_FOUND"));
        admin().post("/api/v1/parked-events/subjects/" + UUID.randomUUID() + "/replay")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    /**
     * The release that fixed the poison: a routing without data is noted on the timeline, not
     * applied.
     */
    static class NotesRoutingsWithoutData extends DispatchReactions {

        private final CaseRepository cases;
        private final CaseChanges changes;

        NotesRoutingsWithoutData(CaseRepository cases, CaseChanges changes, ObjectMapper json) {
            super(cases, changes, json);
            this.cases = cases;
            this.changes = changes;
        }

        @Override
        public Uni<Void> apply(CloudEvent event) {
            if (event.data() != null && !event.data().isNull()) {
                return super.apply(event);
            }
            return cases.findById(UUID.fromString(event.subject()))
                    .chain(
                            c ->
                                    changes.note(
                                            c,
                                            CaseChanges.Change.of("ROUTING_WITHOUT_DATA", null),
                                            CaseChanges.Details.of(
                                                    Actor.dispatchService(null),
                                                    "a routing without data")))
                    .replaceWithVoid();
        }
    }

    /**
     * A well-formed envelope of dispatch-service's, of the type given, with the data given or none
     * at all.
     */
    private record Raw(String id, String json) {}

    private static Raw poison(String caseId, String type) {
        return raw(caseId, type, null);
    }

    private static Raw raw(String caseId, String type, String data) {
        var id = UUID.randomUUID().toString();
        return new Raw(
                id,
                """
                {"specversion":"1.0","id":"%s","source":"/gridgov/dispatch-service","type":"%s","subject":"%s",\
                "time":"%s","datacontenttype":"application/json"%s}"""
                        .formatted(
                                id,
                                type,
                                caseId,
                                Instant.now(),
                                data == null ? "" : ",\"data\":" + data));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return as(ADMIN).contentType(ContentType.JSON);
    }

    private static List<Map<String, Object>> awaitParked(String caseId, int count) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                admin().queryParam("subject", caseId)
                                        .get("/api/v1/parked-events")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath()
                                        .<Map<String, Object>>getList(""),
                        rows -> rows.size() == count);
    }

    private static double parkedGauge() {
        var metrics =
                RestAssured.when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(
                        line ->
                                line.startsWith("gridgov_parked_events{")
                                        && line.contains("consumer=\"dispatch-events\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String acceptedCase() {
        var caseId =
                as("G07-2")
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
                        .<String>path("id");
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        return caseId;
    }

    private static void status(String caseId, String status) {
        as("CC-DUTY_CHIEF-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("status", equalTo(status));
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> status(caseId, status));
    }
}
