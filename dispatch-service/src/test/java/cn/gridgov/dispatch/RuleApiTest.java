package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.AreaChanged;
import cn.gridgov.contracts.grid.AreaImportApplied;
import cn.gridgov.contracts.grid.AreaRemoved;
import cn.gridgov.contracts.grid.DepartmentChanged;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.kit.testing.ContractEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rule set as data, changed over REST and checked as a whole. */
@QuarkusTest
class RuleApiTest {

    /** The administrator: alone changes the rules. */
    private static final String ADMIN = "CC-ADMIN-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.incoming.grid-events.topic")
    String gridEventsTopic;

    /**
     * A category prefix no other test or earlier run uses, so the rules here meet only each other.
     */
    private static String freshCategory() {
        return "9" + ThreadLocalRandom.current().nextInt(100, 1000);
    }

    private static String rule(String id, String prefix, String department, int priority) {
        return """
                {"id":"%s","categoryPrefix":"%s","mode":"DEPARTMENT","departmentCode":"%s","level":"DISTRICT",
                 "priority":%d,"description":"test rule"}"""
                .formatted(id, prefix, department, priority);
    }

    @Test
    @DisplayName(
            "a rule created over REST routes the next accepted case, and creating it again answers with the same rule")
    void createdRuleRoutes() throws Exception {
        var prefix = freshCategory();
        var id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(id, prefix, "SWJ", 0))
                    .post("/api/v1/routing-rules")
                    .then()
                    .statusCode(201)
                    .body("departmentName", equalTo("区水务局"));
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(id, prefix, "SWJ", 0))
                    .post("/api/v1/routing-rules")
                    .then()
                    .statusCode(200);
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(id, prefix, "ZJJ", 0))
                    .post("/api/v1/routing-rules")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("RULE_EXISTS"));

            var flood = Snapshot.of(prefix, "G07");
            try (var cases = new CaseEvents(bootstrap)) {
                cases.publish(CaseTypes.ACCEPTED, flood);
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/routing-decisions/" + flood.id())
                                            .then()
                                            .statusCode(200)
                                            .body("departmentCode", equalTo("SWJ"))
                                            .body("ruleId", equalTo(id)));
        } finally {
            as(ADMIN).delete("/api/v1/routing-rules/" + id);
        }
        as(DISPATCHER)
                .get("/api/v1/routing-rules/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("RULE_NOT_FOUND"));
    }

    @Test
    @DisplayName(
            "every change to a rule is in the audit trail with who made it, before and after; only an administrator reads it")
    void ruleChangesAreAudited() {
        var prefix = freshCategory();
        var id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADMIN)
                .contentType("application/json")
                .body(rule(id, prefix, "SWJ", 0))
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(201);
        as(ADMIN)
                .contentType("application/json")
                .body(rule(id, prefix, "ZJJ", 0))
                .put("/api/v1/routing-rules/" + id)
                .then()
                .statusCode(200);
        as(DISPATCHER)
                .contentType("application/json")
                .body(rule(id, prefix, "SCJG", 0))
                .put("/api/v1/routing-rules/" + id)
                .then()
                .statusCode(403);
        as(ADMIN).delete("/api/v1/routing-rules/" + id).then().statusCode(204);

        as(ADMIN)
                .queryParam("kind", "ROUTING_RULE")
                .queryParam("code", id)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("DELETE", "UPDATE", "CREATE"))
                .body("actor", org.hamcrest.Matchers.everyItem(equalTo(ADMIN)))
                .body("[1].before.departmentCode", equalTo("SWJ"))
                .body("[1].after.departmentCode", equalTo("ZJJ"))
                .body("[2].before", org.hamcrest.Matchers.nullValue())
                .body("[0].after", org.hamcrest.Matchers.nullValue());
        as(DISPATCHER)
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as(ADMIN)
                .queryParam("kind", "CASE")
                .get("/api/v1/audit")
                .then()
                .statusCode(400)
                .body("field", equalTo("kind"));
    }

    @Test
    @DisplayName("a rule naming an unknown department is refused with the field at fault")
    void unknownDepartmentRefused() {
        as(ADMIN)
                .contentType("application/json")
                .body(rule("T-UNKNOWN", freshCategory(), "NO-SUCH", 0))
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_DEPARTMENT"))
                .body("field", equalTo("departmentCode"))
                .body("message", containsString("NO-SUCH"));
        as(ADMIN)
                .contentType("application/json")
                .body(
                        """
                        {"id":"T-UNKNOWN-CO","categoryPrefix":"%s","mode":"DEPARTMENT","departmentCode":"ZJJ","coHandlers":["GHOST"]}"""
                                .formatted(freshCategory()))
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(422)
                .body("field", equalTo("coHandlers"))
                .body("message", containsString("GHOST"));
        as(DISPATCHER)
                .get("/api/v1/routing-rules")
                .then()
                .body("id", org.hamcrest.Matchers.not(hasItem("T-UNKNOWN")));
    }

    @Test
    @DisplayName(
            "a rule overlapping another of equal priority is refused naming both; another priority is accepted")
    void overlappingRulesRefused() {
        var prefix = freshCategory();
        var first = "T-" + UUID.randomUUID().toString().substring(0, 8);
        var second = "T-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(first, prefix, "ZJJ", 0))
                    .post("/api/v1/routing-rules")
                    .then()
                    .statusCode(201);
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(second, prefix, "ZHZF", 0))
                    .post("/api/v1/routing-rules")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("OVERLAPPING_RULES"))
                    .body("message", allOf(containsString(first), containsString(second)));
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(second, prefix, "ZHZF", 1))
                    .post("/api/v1/routing-rules")
                    .then()
                    .statusCode(201);
            // Changing the second back to the first's priority is refused too.
            as(ADMIN)
                    .contentType("application/json")
                    .body(rule(second, prefix, "ZHZF", 0))
                    .put("/api/v1/routing-rules/" + second)
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("OVERLAPPING_RULES"));
        } finally {
            as(ADMIN).delete("/api/v1/routing-rules/" + first);
            as(ADMIN).delete("/api/v1/routing-rules/" + second);
        }
    }

    @Test
    @DisplayName("malformed rules are refused with the field named")
    void malformedRules() {
        as(ADMIN)
                .contentType("application/json")
                .body(
                        "{\"id\":\"T-BAD\",\"categoryPrefix\":\"ab\",\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZJJ\"}")
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("categoryPrefix"));
        as(ADMIN)
                .contentType("application/json")
                .body("{\"id\":\"T-BAD\",\"categoryPrefix\":\"01\",\"mode\":\"SOMEWHERE\"}")
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(400)
                .body("field", equalTo("mode"));
        as(ADMIN)
                .contentType("application/json")
                .body(
                        "{\"id\":\"T-BAD\",\"categoryPrefix\":\"01\",\"mode\":\"DEPARTMENT\",\"areaCode\":\"NOWHERE\",\"departmentCode\":\"ZJJ\"}")
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(422)
                .body("code", equalTo("UNKNOWN_AREA"));
    }

    @Test
    @DisplayName("a department announced by grid-service on grid-events.v1 becomes usable in rules")
    void departmentFromGridEvents() throws Exception {
        var code = "T-DEPT-" + UUID.randomUUID().toString().substring(0, 6);
        var prefix = freshCategory();
        var announced =
                (ObjectNode)
                        ContractEvents.JSON.readTree(
                                ContractEvents.json(
                                        "grid-service",
                                        GridTypes.DEPARTMENT_CHANGED,
                                        code,
                                        new DepartmentChanged(
                                                code,
                                                "测试局",
                                                "DISTRICT",
                                                List.of(prefix),
                                                List.of("D01"),
                                                List.of())));
        // A field a later version may add: readers ignore what they do not know.
        ((ObjectNode) announced.get("data")).put("newField", 1);
        var event = announced.toString();
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(gridEventsTopic, code, "not json at all")).get();
            producer.send(new ProducerRecord<>(gridEventsTopic, code, event)).get();
        }
        var id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(ADMIN)
                                            .contentType("application/json")
                                            .body(rule(id, prefix, code, 0))
                                            .post("/api/v1/routing-rules")
                                            .then()
                                            .statusCode(201)
                                            .body("departmentName", equalTo("测试局")));
        } finally {
            as(ADMIN).delete("/api/v1/routing-rules/" + id);
        }
    }

    @Test
    @DisplayName(
            "an area announced by grid-service becomes usable in rules and is forgotten when an import removes it; the import's summary changes nothing here")
    void areaFromGridEventsIsForgottenWhenRemoved() throws Exception {
        var code = "T-AREA-" + UUID.randomUUID().toString().substring(0, 6);
        var geometry = ContractEvents.JSON.createObjectNode().put("type", "MultiPolygon");
        geometry.putArray("coordinates");
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        var id = "T-" + UUID.randomUUID().toString().substring(0, 8);
        var ruleInArea =
                """
                {"id":"%s","categoryPrefix":"%s","mode":"DEPARTMENT","areaCode":"%s","departmentCode":"ZJJ","level":"DISTRICT",
                 "priority":0,"description":"test rule"}"""
                        .formatted(id, freshCategory(), code);
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(
                            new ProducerRecord<>(
                                    gridEventsTopic,
                                    code,
                                    ContractEvents.json(
                                            "grid-service",
                                            GridTypes.AREA_CHANGED,
                                            code,
                                            new AreaChanged(
                                                    code,
                                                    "测试网格",
                                                    "GRID",
                                                    "COMPREHENSIVE",
                                                    "D01",
                                                    geometry))))
                    .get();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(ADMIN)
                                            .contentType("application/json")
                                            .body(ruleInArea)
                                            .post("/api/v1/routing-rules")
                                            .then()
                                            .statusCode(201));
            as(ADMIN).delete("/api/v1/routing-rules/" + id).then().statusCode(204);

            producer.send(
                            new ProducerRecord<>(
                                    gridEventsTopic,
                                    code,
                                    ContractEvents.json(
                                            "grid-service",
                                            GridTypes.AREA_REMOVED,
                                            code,
                                            new AreaRemoved(code, "D01", 7))))
                    .get();
            producer.send(
                            new ProducerRecord<>(
                                    gridEventsTopic,
                                    "import-7",
                                    ContractEvents.json(
                                            "grid-service",
                                            GridTypes.AREA_IMPORT_APPLIED,
                                            "import-7",
                                            new AreaImportApplied(
                                                    7,
                                                    "CC-ADMIN-1",
                                                    List.of(),
                                                    List.of(),
                                                    List.of(code)))))
                    .get();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(ADMIN)
                                            .contentType("application/json")
                                            .body(ruleInArea)
                                            .post("/api/v1/routing-rules")
                                            .then()
                                            .statusCode(422)
                                            .body("code", equalTo("UNKNOWN_AREA")));
        } finally {
            as(ADMIN).delete("/api/v1/routing-rules/" + id);
        }
    }
}
