package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.StaffChanged;
import cn.gridgov.kit.testing.ContractEvents;
import cn.gridgov.kit.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sign-in and scope, beyond the access matrix: broken tokens are refused and write nothing, a
 * refused command writes nothing, and a post given in grid-service counts as soon as it is
 * announced.
 */
@QuarkusTest
class IdentityTest {

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "mp.messaging.incoming.grid-events.topic")
    String gridEventsTopic;

    @Test
    @DisplayName(
            "an expired token, another audience's, a tampered signature and alg none are 401 JSON, and no report is written")
    void brokenTokensAreRefused() throws Exception {
        refusedAndNothingWritten(
                List.of(
                        Tokens.expired("G07-2"),
                        Tokens.otherAudience("G07-2"),
                        Tokens.tampered(Tokens.of("G20-2"), "G07-2"),
                        Tokens.unsigned(Tokens.of("G07-2"))));
    }

    @Test
    @DisplayName(
            "a real token of another issuer (a neighbouring town's realm) and one signed by a key of its own are 401 JSON, and no report is written")
    void otherIssuerIsRefused() throws Exception {
        refusedAndNothingWritten(
                List.of(Tokens.otherIssuer(), Tokens.signedElsewhere("G07-2", "GRID_WORKER")));
    }

    private void refusedAndNothingWritten(List<String> broken) throws Exception {
        var reportIds = new ArrayList<UUID>();
        for (var token : broken) {
            var reportId = UUID.randomUUID();
            reportIds.add(reportId);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(ReportIntakeTest.report(reportId, "forged"))
                    .when()
                    .post("/api/v1/reports")
                    .then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
        given().contentType(ContentType.JSON)
                .body(ReportIntakeTest.report(UUID.randomUUID(), "nobody"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        for (var reportId : reportIds) {
            assertThat(count("select count(*) from cases where report_id = '" + reportId + "'"))
                    .isZero();
        }
    }

    @Test
    @DisplayName("a photo upload without a token is 401")
    void photoUploadNeedsAToken() {
        given().multiPart("file", "cover.png", new byte[] {1, 2, 3}, "image/png")
                .when()
                .post("/api/v1/photos")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    @DisplayName(
            "a refused command writes nothing: no status, no timeline entry, no event, no version")
    void refusedCommandWritesNothing() throws Exception {
        // A citizen's call taken by the dispatcher, in G07: waiting to be verified on site.
        String caseId =
                as("CC-DISPATCHER-1")
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"HOTLINE\",\"category\":\"0104\","
                                        + "\"description\":\"stall on the bridge\",\"longitude\":119.167,\"latitude\":35.006}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("REPORTED"))
                        .body("gridCode", equalTo("G07"))
                        .extract()
                        .path("id");
        var before = state(caseId);

        command(caseId, "verify", "G20-2", "")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_GRID"));
        command(caseId, "reject", "G20-1", "\"note\":\"not real\"")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_GRID"));
        command(caseId, "reject", "ZHZF-1", "\"note\":\"not ours\"")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_NOT_ALLOWED"));
        command(caseId, "accept", "CC-SUPERVISOR-1", "")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_NOT_ALLOWED"));
        command(caseId, "evaluation", "CC-DISPATCHER-2", "\"satisfaction\":1")
                .then()
                .statusCode(403);
        as("CC-DUTY_CHIEF-1")
                .contentType(ContentType.JSON)
                .body("{\"working\":false,\"name\":\"not mine\"}")
                .when()
                .put("/api/v1/calendar/2199-03-04")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));

        assertThat(state(caseId)).isEqualTo(before);
        assertThat(count("select count(*) from calendar_day where day = '2199-03-04'")).isZero();
    }

    @Test
    @DisplayName(
            "a post given in grid-service counts as soon as grid.staff-changed is heard, without a new token; taken away, it stops counting")
    void staffChangedEventMovesTheScope() {
        String caseId =
                as("CC-DISPATCHER-1")
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"HOTLINE\",\"category\":\"0104\","
                                        + "\"description\":\"crates on the pavement\",\"longitude\":119.163,\"latitude\":35.002}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("gridCode", equalTo("G07"))
                        .extract()
                        .path("id");
        command(caseId, "verify", "G20-2", "")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_GRID"));
        var g20 =
                new StaffChanged(
                        "G20-2",
                        "G20-2",
                        null,
                        null,
                        List.of(
                                new StaffChanged.Post("GRID_WORKER", "G20"),
                                new StaffChanged.Post("INFORMANT", "G20")),
                        true,
                        null);
        var alsoG07 =
                new StaffChanged(
                        "G20-2",
                        "G20-2",
                        null,
                        null,
                        List.of(
                                new StaffChanged.Post("GRID_WORKER", "G20"),
                                new StaffChanged.Post("INFORMANT", "G20"),
                                new StaffChanged.Post("GRID_WORKER", "G07")),
                        true,
                        null);
        try (var grid = gridEvents()) {
            try {
                // Announced again until heard: the listener may still be joining its topic.
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(
                                () -> {
                                    publish(grid, alsoG07);
                                    command(caseId, "verify", "G20-2", "")
                                            .then()
                                            .statusCode(200)
                                            .body("status", equalTo("VERIFIED"));
                                });
            } finally {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(
                                () -> {
                                    publish(grid, g20);
                                    command(caseId, "reject", "G20-2", "\"note\":\"not real\"")
                                            .then()
                                            .statusCode(403)
                                            .body("code", equalTo("NOT_YOUR_GRID"));
                                });
            }
        }
    }

    private KafkaProducer<String, String> gridEvents() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private void publish(KafkaProducer<String, String> producer, StaffChanged staff)
            throws Exception {
        var event = ContractEvents.json("grid-service", GridTypes.STAFF_CHANGED, "G20-2", staff);
        producer.send(new ProducerRecord<>(gridEventsTopic, "G20-2", event)).get();
    }

    /** What a write would change: the case's row, its timeline and its events. */
    private List<Object> state(String caseId) throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var row =
                        statement.executeQuery(
                                "select status, version, timeline_length, timeline_hash, updated_at from cases where id = '"
                                        + caseId
                                        + "'")) {
            row.next();
            var state =
                    new ArrayList<Object>(
                            List.of(
                                    row.getString(1),
                                    row.getInt(2),
                                    row.getInt(3),
                                    row.getString(4),
                                    row.getTimestamp(5).toInstant()));
            state.add(count("select count(*) from case_timeline where case_id = '" + caseId + "'"));
            state.add(
                    count(
                            "select count(*) from outbox_event where message_key = '"
                                    + caseId
                                    + "'"));
            return state;
        }
    }

    private long count(String sql) throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
