package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asAdmin;
import static cn.gridgov.grid.Signed.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.StaffLocation;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.testing.ContractEvents;
import cn.gridgov.kit.testing.TopicTail;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Staff, posts, duty and location pings against the real PostGIS and Kafka. Each test works in two
 * grids of its own, far from the demo town, and removes its own people and grids.
 */
@QuarkusTest
class StaffApiTest {

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = GridEvents.TOPIC_CONFIG)
    String gridEventsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.staff-locations.topic")
    String staffLocationsTopic;

    private final String run = "TS-" + UUID.randomUUID().toString().substring(0, 6);
    private final String gridA = run + "-A";
    private final String gridB = run + "-B";

    @BeforeEach
    void twoGrids() throws SQLException {
        removeOwnRows();
        area(run, "COMMUNITY", null, box(100.00, 30.00, 0.02, 0.01));
        area(gridA, "GRID", run, box(100.00, 30.00, 0.01, 0.01));
        area(gridB, "GRID", run, box(100.01, 30.00, 0.01, 0.01));
    }

    @AfterEach
    void removeOwnRows() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from staff where id like 'TS-%'");
            statement.execute("delete from grid_area where code like 'TS-%'");
            statement.execute("delete from audit_entry where code like 'TS-%'");
        }
    }

    @Test
    @DisplayName(
            "in the demo town, G08's chief, worker and community inspector are on duty and its patroller is not")
    void demoTownDuty() {
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/G08/on-duty")
                .then()
                .statusCode(200)
                .body("staffId", containsInAnyOrder("G08-1", "G08-2", "D01-S2-C2-INS"));
        as("CC-DISPATCHER-1")
                .queryParam("lon", 119.165)
                .queryParam("lat", 35.004)
                .queryParam("role", "GRID_CHIEF")
                .queryParam("limit", 1)
                .when()
                .get("/api/v1/staff/nearest")
                .then()
                .statusCode(200)
                .body("staffId", contains("G07-1"));
    }

    @Test
    @DisplayName("one person holds several posts in several grids and shows up on duty in each")
    void onePersonManyPosts() {
        person(
                        run + "-wang",
                        true,
                        null,
                        post("GRID_CHIEF", gridA),
                        post("INSPECTOR", gridA),
                        post("INSPECTOR", gridB))
                .then()
                .statusCode(201)
                .body("posts.role", contains("GRID_CHIEF", "INSPECTOR", "INSPECTOR"));

        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/" + gridA + "/on-duty")
                .then()
                .statusCode(200)
                .body("staffId", contains(run + "-wang"));
        as("CC-DISPATCHER-1")
                .queryParam("role", "INSPECTOR")
                .when()
                .get("/api/v1/areas/" + gridB + "/on-duty")
                .then()
                .statusCode(200)
                .body("staffId", contains(run + "-wang"))
                .body("[0].posts.areaCode", hasItem(gridB));
        as("CC-DISPATCHER-1")
                .queryParam("role", "GRID_CHIEF")
                .when()
                .get("/api/v1/areas/" + gridB + "/on-duty")
                .then()
                .statusCode(200)
                .body("staffId", org.hamcrest.Matchers.empty());
    }

    @Test
    @DisplayName(
            "who is on duty in a grid leaves out people off duty, and switching duty is announced")
    void dutyDecidesWhoIsListed() {
        person(run + "-li", true, null, post("GRID_WORKER", gridA)).then().statusCode(201);
        person(run + "-zhao", false, null, post("GRID_WORKER", gridA)).then().statusCode(201);

        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/" + gridA + "/on-duty")
                .then()
                .statusCode(200)
                .body("staffId", contains(run + "-li"));

        try (var tail = new TopicTail(bootstrap, gridEventsTopic)) {
            asAdmin()
                    .contentType(ContentType.JSON)
                    .body("{\"onDuty\":true}")
                    .when()
                    .put("/api/v1/staff/" + run + "-zhao/duty")
                    .then()
                    .statusCode(200)
                    .body("onDuty", equalTo(true));

            as("CC-DISPATCHER-1")
                    .when()
                    .get("/api/v1/areas/" + gridA + "/on-duty")
                    .then()
                    .statusCode(200)
                    .body("staffId", containsInAnyOrder(run + "-li", run + "-zhao"));
            // The creation's own event may still be on its way when the tail opens; the duty change
            // comes last.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> {
                                var events = tail.forSubject(run + "-zhao");
                                var onDuty =
                                        events.stream()
                                                .filter(
                                                        e ->
                                                                e.event()
                                                                        .path("data")
                                                                        .path("onDuty")
                                                                        .asBoolean())
                                                .toList();
                                assertThat(onDuty).hasSize(1);
                                assertThat(events.get(events.size() - 1)).isEqualTo(onDuty.get(0));
                                assertThat(onDuty.get(0).event().path("type").asText())
                                        .isEqualTo(GridTypes.STAFF_CHANGED.name());
                                assertThat(onDuty.get(0).key()).isEqualTo(run + "-zhao");
                                assertThat(
                                                onDuty.get(0)
                                                        .event()
                                                        .path("data")
                                                        .path("posts")
                                                        .get(0)
                                                        .path("areaCode")
                                                        .asText())
                                        .isEqualTo(gridA);
                            });
        }
    }

    @Test
    @DisplayName(
            "the nearest on-duty staff with a role come nearest first, with their distance in metres")
    void nearestOnDutyWithRole() {
        person(run + "-near", true, null, post("PATROLLER", gridA)).then().statusCode(201);
        person(run + "-far", true, null, post("PATROLLER", gridB)).then().statusCode(201);
        person(run + "-off", false, null, post("PATROLLER", gridA)).then().statusCode(201);
        person(run + "-chief", true, null, post("GRID_CHIEF", gridA)).then().statusCode(201);
        ping(run + "-near", 100.005, 30.005, Instant.now()).then().statusCode(202);
        ping(run + "-far", 100.015, 30.005, Instant.now()).then().statusCode(202);
        ping(run + "-off", 100.004, 30.005, Instant.now()).then().statusCode(202);
        ping(run + "-chief", 100.004, 30.005, Instant.now()).then().statusCode(202);

        var answer =
                as("CC-DISPATCHER-1")
                        .queryParam("lon", 100.004)
                        .queryParam("lat", 30.005)
                        .queryParam("role", "PATROLLER")
                        .queryParam("limit", 2)
                        .when()
                        .get("/api/v1/staff/nearest")
                        .then()
                        .statusCode(200)
                        .body("staffId", contains(run + "-near", run + "-far"))
                        .body("[0].lastLocation.longitude", equalTo(100.005f))
                        .extract()
                        .jsonPath();
        // 0.001° of longitude at 30° N is about 96 m; 0.011° about 1,060 m.
        assertThat(answer.getDouble("[0].distanceMeters")).isBetween(90.0, 100.0);
        assertThat(answer.getDouble("[1].distanceMeters")).isBetween(1_030.0, 1_090.0);
    }

    @Test
    @DisplayName("a ping over HTTP becomes the latest location, and an older ping changes nothing")
    void latestPingWins() {
        person(run + "-sun", true, null, post("GRID_WORKER", gridA)).then().statusCode(201);
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ping(run + "-sun", 100.002, 30.002, now).then().statusCode(202);
        ping(run + "-sun", 100.009, 30.009, now.minusSeconds(60)).then().statusCode(202);

        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/staff/" + run + "-sun")
                .then()
                .statusCode(200)
                .body("lastLocation.longitude", equalTo(100.002f))
                .body("lastLocation.at", equalTo(now.toString()));
    }

    @Test
    @DisplayName(
            "pings on staff-locations.v1 are applied and a redelivered one changes nothing; an unusable ping is skipped; "
                    + "a record that is no CloudEvent and one of a type no one declared are parked, and hold back no later ping")
    void pingsFromKafka() throws Exception {
        var id = run + "-kafka";
        person(id, true, null, post("GRID_WORKER", gridA)).then().statusCode(201);
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        var undeclared =
                locationEvent(id, 100.002, 30.002, now)
                        .replace(
                                "\"" + GridTypes.STAFF_LOCATION.name() + "\"",
                                "\"staff.heartbeat\"");
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(staffLocationsTopic, id, "not json at all: " + id));
            producer.send(new ProducerRecord<>(staffLocationsTopic, id, undeclared));
            producer.send(
                    new ProducerRecord<>(staffLocationsTopic, id, unusableLocationEvent(id, now)));
            producer.send(
                    new ProducerRecord<>(
                            staffLocationsTopic, id, locationEvent(id, 100.003, 30.003, now)));
            producer.send(
                    new ProducerRecord<>(
                            staffLocationsTopic,
                            id,
                            locationEvent(id, 100.001, 30.001, now.minusSeconds(5))));
            producer.send(
                            new ProducerRecord<>(
                                    staffLocationsTopic,
                                    id,
                                    locationEvent(id, 100.003, 30.003, now)))
                    .get();
        }

        // Generous: after a restart the consumer group may first wait out the previous member's
        // session.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                as("CC-DISPATCHER-1")
                                        .when()
                                        .get("/api/v1/staff/" + id)
                                        .then()
                                        .statusCode(200)
                                        .body("lastLocation.longitude", equalTo(100.003f))
                                        .body("lastLocation.latitude", equalTo(30.003f))
                                        .body("lastLocation.at", equalTo(now.toString())));
        asAdmin()
                .queryParam("subject", id)
                .when()
                .get("/api/v1/parked-events")
                .then()
                .statusCode(200)
                .body("reason", contains("UNDECLARED_TYPE"))
                .body("type", contains("staff.heartbeat"));
        asAdmin()
                .queryParam("consumer", "staff-locations")
                .queryParam("limit", 1000)
                .when()
                .get("/api/v1/parked-events")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.payload == 'not json at all: " + id + "' }.reason",
                        contains("UNREADABLE"));
    }

    @Test
    @DisplayName(
            "unknown roles, areas and departments, a dispatcher serving no district and implausible pings are 400s naming the field, and nothing is stored")
    void badInputIsNamed() {
        person(run + "-x", true, null, post("GRID_WORKER", gridA), post("ASTRONAUT", gridA))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_ROLE"))
                .body("field", equalTo("posts[1].role"))
                .body("message", containsString("GRID_CHIEF"));
        person(run + "-x", true, null, post("GRID_WORKER", gridA), post("GRID_CHIEF", "TS-NOWHERE"))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_AREA"))
                .body("field", equalTo("posts[1].areaCode"));
        person(run + "-x", true, null, post("DISPATCHER", null))
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_INPUT"))
                .body("field", equalTo("posts[0].areaCode"))
                .body("message", containsString("district"));
        person(run + "-x", true, "NO-SUCH-DEPT", post("DEPARTMENT_STAFF", null))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_DEPARTMENT"))
                .body("field", equalTo("departmentCode"));
        person(run + "-x", true, null, post("DEPARTMENT_STAFF", null))
                .then()
                .statusCode(400)
                .body("field", equalTo("departmentCode"));
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/staff/" + run + "-x")
                .then()
                .statusCode(404)
                .body("code", equalTo("STAFF_NOT_FOUND"));

        as("CC-DISPATCHER-1")
                .queryParam("role", "ASTRONAUT")
                .when()
                .get("/api/v1/areas/" + gridA + "/on-duty")
                .then()
                .statusCode(400)
                .body("field", equalTo("role"));
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/TS-NOWHERE/on-duty").then().statusCode(404);
        as("CC-DISPATCHER-1")
                .queryParam("lon", 100)
                .queryParam("lat", 95)
                .when()
                .get("/api/v1/staff/nearest")
                .then()
                .statusCode(400)
                .body("field", equalTo("lat"));
        as("CC-DISPATCHER-1")
                .queryParam("lon", 100)
                .queryParam("lat", 30)
                .queryParam("limit", 1000)
                .when()
                .get("/api/v1/staff/nearest")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));

        person(run + "-y", true, null, post("GRID_WORKER", gridA)).then().statusCode(201);
        ping(run + "-y", 181, 30, Instant.now())
                .then()
                .statusCode(400)
                .body("field", equalTo("longitude"));
        ping(run + "-y", 100, 30, Instant.now().plus(Duration.ofHours(1)))
                .then()
                .statusCode(400)
                .body("field", equalTo("at"));
        ping(run + "-nobody", 100, 30, Instant.now()).then().statusCode(404);
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/staff/" + run + "-y")
                .then()
                .statusCode(200)
                .body("lastLocation", nullValue());
    }

    @Test
    @DisplayName("an update replaces a person's posts")
    void updateReplacesPosts() {
        person(run + "-hu", true, null, post("GRID_WORKER", gridA)).then().statusCode(201);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"name\":\"胡明\",\"onDuty\":true,\"posts\":["
                                + post("PATROLLER", gridB)
                                + "]}")
                .when()
                .put("/api/v1/staff/" + run + "-hu")
                .then()
                .statusCode(200)
                .body("posts.role", contains("PATROLLER"));

        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/" + gridA + "/on-duty")
                .then()
                .statusCode(200)
                .body("staffId", not(hasItem(run + "-hu")));
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/roles")
                .then()
                .statusCode(200)
                .body("$", hasItem("PARTY_SPECIALIST"));
    }

    @Test
    @DisplayName(
            "a person goes on and off duty themselves: G07-1 may not take G07-2 off duty (403 ONLY_SELF_OR_ADMIN) and G07-2 stays on duty")
    void dutyIsThePersonsOwn() {
        as("G07-1")
                .contentType(ContentType.JSON)
                .body("{\"onDuty\":false}")
                .when()
                .put("/api/v1/staff/G07-2/duty")
                .then()
                .statusCode(403)
                .body("code", equalTo("ONLY_SELF_OR_ADMIN"));
        as("CC-DISPATCHER-1")
                .contentType(ContentType.JSON)
                .body("{\"onDuty\":false}")
                .when()
                .put("/api/v1/staff/G07-2/duty")
                .then()
                .statusCode(403)
                .body("code", equalTo("ONLY_SELF_OR_ADMIN"));
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/staff/G07-2")
                .then()
                .statusCode(200)
                .body("onDuty", equalTo(true));
    }

    @Test
    @DisplayName(
            "a phone reports only its owner's location: a ping for G07-2 sent by G07-1 is 403 ONLY_SELF and moves no one")
    void locationIsThePersonsOwn() {
        var before =
                as("CC-DISPATCHER-1")
                        .when()
                        .get("/api/v1/staff/G07-2")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap("lastLocation");
        as("G07-1")
                .contentType(ContentType.JSON)
                .body(
                        String.format(
                                Locale.ROOT,
                                "{\"longitude\":100.0,\"latitude\":30.0,\"accuracyMeters\":5,\"at\":\"%s\"}",
                                Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .when()
                .post("/api/v1/staff/G07-2/location")
                .then()
                .statusCode(403)
                .body("code", equalTo("ONLY_SELF"));
        // G07-2's own phone is heard (an old fix: accepted and, being older than the stored one,
        // ignored).
        as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"longitude\":100.0,\"latitude\":30.0,\"accuracyMeters\":5,\"at\":\"2001-01-01T00:00:00Z\"}")
                .when()
                .post("/api/v1/staff/G07-2/location")
                .then()
                .statusCode(202);
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/staff/G07-2")
                .then()
                .statusCode(200)
                .body("lastLocation.longitude", equalTo(before.get("longitude")))
                .body("lastLocation.at", equalTo(before.get("at")));
    }

    private static String post(String role, String area) {
        return "{\"role\":\""
                + role
                + "\",\"areaCode\":"
                + (area == null ? "null" : "\"" + area + "\"")
                + "}";
    }

    private static io.restassured.response.Response person(
            String id, boolean onDuty, String department, String... posts) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\":\""
                                + id
                                + "\",\"name\":\"测试员\",\"phone\":\"13800000000\",\"onDuty\":"
                                + onDuty
                                + ",\"departmentCode\":"
                                + (department == null ? "null" : "\"" + department + "\"")
                                + ",\"posts\":["
                                + String.join(",", posts)
                                + "]}")
                .when()
                .post("/api/v1/staff");
    }

    private static io.restassured.response.Response ping(
            String id, double lon, double lat, Instant at) {
        return asService()
                .contentType(ContentType.JSON)
                .body(
                        String.format(
                                Locale.ROOT,
                                "{\"longitude\":%s,\"latitude\":%s,\"accuracyMeters\":8,\"at\":\"%s\"}",
                                lon,
                                lat,
                                at))
                .when()
                .post("/api/v1/staff/" + id + "/location");
    }

    private static String locationEvent(String id, double lon, double lat, Instant at) {
        return ContractEvents.json(
                UUID.randomUUID(),
                "phone",
                GridTypes.STAFF_LOCATION,
                id,
                at,
                new StaffLocation(id, lon, lat, 5.0, at));
    }

    /** A ping no contract allows (a longitude of 500°), as a broken phone might send it. */
    private static String unusableLocationEvent(String id, Instant at) {
        try {
            var event =
                    (ObjectNode)
                            ContractEvents.JSON.readTree(locationEvent(id, 100.001, 30.001, at));
            ((ObjectNode) event.get("data")).put("longitude", 500);
            return event.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void area(String code, String level, String parent, String geometry) {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"code\":\""
                                + code
                                + "\",\"name\":\""
                                + code
                                + "\",\"level\":\""
                                + level
                                + "\",\"parentCode\":"
                                + (parent == null ? "null" : "\"" + parent + "\"")
                                + ",\"geometry\":"
                                + geometry
                                + "}")
                .when()
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
    }

    static String box(double w, double s, double width, double height) {
        double e = w + width;
        double n = s + height;
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
                w,
                s,
                e,
                s,
                e,
                n,
                w,
                n,
                w,
                s);
    }
}
