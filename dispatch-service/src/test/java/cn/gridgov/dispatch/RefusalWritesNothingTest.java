package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.kit.testing.StandInGridService;
import cn.gridgov.kit.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A refused command changes nothing: not the decision, no whistle, no duty report, no rule, no
 * event in the outbox. Checked in the database after each refusal, for the policy's refusals (403)
 * and for tokens the service must not believe (401).
 */
@QuarkusTest
class RefusalWritesNothingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject AgroalDataSource db;

    private Snapshot routedManhole() throws Exception {
        var manhole = Snapshot.of("0101", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, manhole);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + manhole.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("ZHZF")));
        return manhole;
    }

    /**
     * The decision's columns a command could change, and how many events the outbox holds for the
     * case.
     */
    private List<Object> stateOf(String caseId) throws SQLException {
        try (var c = db.getConnection();
                var decision =
                        c.prepareStatement(
                                "select state, department_code, co_handlers, rule_id, accepted_by,"
                                        + " overridden_by, send_back_count, decided_at from routing_decision where case_id = ?::uuid");
                var rest =
                        c.prepareStatement(
                                "select (select count(*) from outbox_event where message_key = ?),"
                                        + " (select count(*) from send_back where case_id = ?::uuid),"
                                        + " (select count(*) from whistle where case_id = ?::uuid)")) {
            var state = new ArrayList<Object>();
            decision.setString(1, caseId);
            try (var rows = decision.executeQuery()) {
                assertThat(rows.next()).isTrue();
                for (int i = 1; i <= 8; i++) {
                    state.add(rows.getObject(i));
                }
            }
            rest.setString(1, caseId);
            rest.setString(2, caseId);
            rest.setString(3, caseId);
            try (var rows = rest.executeQuery()) {
                rows.next();
                state.add("outbox=" + rows.getLong(1));
                state.add("send-backs=" + rows.getLong(2));
                state.add("whistles=" + rows.getLong(3));
            }
            return state;
        }
    }

    private long count(String sql, String value) throws SQLException {
        try (var c = db.getConnection();
                var statement = c.prepareStatement(sql)) {
            statement.setString(1, value);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    @DisplayName(
            "commands refused by the policy (another department, the wrong post, a grid chief of another grid, a department not summoned, a dispatcher editing rules) leave the database as it was")
    void policyRefusalsWriteNothing() throws Exception {
        var manhole = routedManhole();
        var path = "/api/v1/routing-decisions/" + manhole.id();
        var before = stateOf(manhole.id());

        as("ZJJ-1")
                .post(path + "/acceptance")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_DEPARTMENT"));
        as("ZJJ-1")
                .contentType("application/json")
                .body("{\"reason\":\"send it elsewhere\"}")
                .post(path + "/send-back")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_DEPARTMENT"));
        as("ZHZF-1")
                .contentType("application/json")
                .body(
                        "{\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZJJ\",\"reason\":\"let housing lead\"}")
                .post(path + "/override")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        var whistleId = UUID.randomUUID().toString();
        as("G20-1")
                .contentType("application/json")
                .body(
                        "{\"whistleId\":\""
                                + whistleId
                                + "\",\"kind\":\"ROUTINE\",\"departments\":[\"ZHZF\"]}")
                .post("/api/v1/cases/" + manhole.id() + "/whistles")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_GRID"));
        assertThat(stateOf(manhole.id())).isEqualTo(before);
        assertThat(count("select count(*) from whistle where id = ?::uuid", whistleId)).isZero();

        // A whistle blown by the duty dispatcher; a department it did not summon reports, and is
        // refused.
        var summoning = UUID.randomUUID().toString();
        as(DISPATCHER)
                .contentType("application/json")
                .body(
                        "{\"whistleId\":\""
                                + summoning
                                + "\",\"kind\":\"ROUTINE\",\"departments\":[\"ZHZF\"]}")
                .post("/api/v1/cases/" + manhole.id() + "/whistles")
                .then()
                .statusCode(201)
                .body("blownBy", equalTo(DISPATCHER));
        var withWhistle = stateOf(manhole.id());
        as("ZJJ-1")
                .contentType("application/json")
                .body("{\"longitude\":119.165,\"latitude\":35.004}")
                .post("/api/v1/whistles/" + summoning + "/duty-reports")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_SUMMONED"));
        assertThat(count("select count(*) from duty_report where whistle_id = ?::uuid", summoning))
                .isZero();
        assertThat(stateOf(manhole.id())).isEqualTo(withWhistle);
        as(DISPATCHER)
                .get("/api/v1/whistles/" + summoning)
                .then()
                .statusCode(200)
                .body("departments[0].arrived", equalTo(false));

        var ruleId = "T-REFUSED-" + UUID.randomUUID().toString().substring(0, 6);
        as(DISPATCHER)
                .contentType("application/json")
                .body(
                        "{\"id\":\""
                                + ruleId
                                + "\",\"categoryPrefix\":\"9811\",\"mode\":\"DEPARTMENT\",\"departmentCode\":\"ZJJ\"}")
                .post("/api/v1/routing-rules")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as(DISPATCHER)
                .delete("/api/v1/routing-rules/R-0102")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        assertThat(count("select count(*) from routing_rule where id = ?", ruleId)).isZero();
        assertThat(count("select count(*) from routing_rule where id = ?", "R-0102")).isOne();
    }

    @Test
    @DisplayName(
            "an expired token, another audience's, a tampered signature, alg none, a token signed by an issuer of its own and garbage are 401 JSON, and the acceptance they carried is not made")
    void tokensNotToBelieveAreRefused() throws Exception {
        var manhole = routedManhole();
        var path = "/api/v1/routing-decisions/" + manhole.id() + "/acceptance";
        var before = stateOf(manhole.id());
        var lead = Tokens.of("ZHZF-1");
        var broken =
                List.of(
                        Tokens.expired("ZHZF-1"),
                        Tokens.otherAudience("ZHZF-1"),
                        Tokens.tampered(Tokens.of("ZJJ-1"), "ZHZF-1"),
                        Tokens.unsigned(lead),
                        Tokens.signedElsewhere("ZHZF-1", "DEPARTMENT_STAFF"),
                        "not-a-jwt");
        for (var token : broken) {
            given().auth()
                    .oauth2(token)
                    .post(path)
                    .then()
                    .statusCode(401)
                    .header("Content-Type", startsWith("application/json"))
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
        given().post(path).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        assertThat(stateOf(manhole.id())).isEqualTo(before);

        // The same request with the lead's real token goes through, and records who accepted.
        given().auth()
                .oauth2(lead)
                .post(path)
                .then()
                .statusCode(200)
                .body("acceptedBy", equalTo("ZHZF-1"));
        // Every call dispatch-service made to grid-service's staff directory carried its own token.
        assertThat(StandInGridService.UNAUTHENTICATED_CALLS.get()).isZero();
    }

    @Test
    @DisplayName(
            "a real token from another issuer (a neighbouring town's realm) is 401 JSON and the acceptance it carried is not made")
    void anotherIssuersTokenIsRefused() throws Exception {
        var foreign = Tokens.otherIssuer();
        var manhole = routedManhole();
        var before = stateOf(manhole.id());
        given().auth()
                .oauth2(foreign)
                .post("/api/v1/routing-decisions/" + manhole.id() + "/acceptance")
                .then()
                .statusCode(401)
                .header("Content-Type", startsWith("application/json"))
                .body("code", equalTo("UNAUTHENTICATED"));
        assertThat(stateOf(manhole.id())).isEqualTo(before);
    }
}
