package cn.gridgov.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.gridgov.kit.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Open311 api keys per client app: an administrator creates one (shown once, kept only as a hash),
 * every request it makes is counted, and once revoked it posts nothing more. Keys and calendar days
 * changed by an administrator are in the audit trail.
 */
@QuarkusTest
class Open311KeyTest {

    private static final String ADMIN = "CC-ADMIN-1";

    @Inject AgroalDataSource database;

    @Test
    @DisplayName(
            "an administrator's key for a civic app posts requests, each counted, until it is revoked")
    void keyLivesUntilRevoked() throws SQLException {
        var client = "随手拍 " + UUID.randomUUID();
        var created =
                given().auth()
                        .oauth2(Tokens.of(ADMIN))
                        .contentType(ContentType.JSON)
                        .body("{\"clientName\":\"" + client + "\"}")
                        .when()
                        .post("/api/v1/open311-keys")
                        .then()
                        .statusCode(201)
                        .body("clientName", equalTo(client))
                        .body("createdBy", equalTo(ADMIN))
                        .body("requests", equalTo(0))
                        .extract();
        String key = created.path("key");
        String id = created.path("id");
        assertThat(key).startsWith("o311_").hasSizeGreaterThan(40);

        post(key, "pothole at the gate")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", org.hamcrest.Matchers.notNullValue());
        post(key, "pothole at the gate, again").then().statusCode(200);

        var listed =
                given().auth()
                        .oauth2(Tokens.of(ADMIN))
                        .when()
                        .get("/api/v1/open311-keys")
                        .then()
                        .statusCode(200)
                        .body("find { it.id == '" + id + "' }.requests", equalTo(2))
                        .body("find { it.id == '" + id + "' }.key", nullValue())
                        .body(
                                "find { it.id == '" + id + "' }.keyPrefix",
                                equalTo(key.substring(0, 9)));
        assertThat(listed.extract().asString()).doesNotContain(key);
        assertThat(
                        count(
                                "select count(*) from open311_api_keys where key_hash = sha256(convert_to(?, 'UTF8'))",
                                key))
                .as("keys kept as the SHA-256 of the key")
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from open311_api_keys where key_prefix = ? or client_name = ?",
                                key,
                                key))
                .as("rows that hold the key as it is")
                .isZero();

        given().auth()
                .oauth2(Tokens.of(ADMIN))
                .when()
                .delete("/api/v1/open311-keys/" + id)
                .then()
                .statusCode(200)
                .body("revokedBy", equalTo(ADMIN));
        post(key, "after the revocation")
                .then()
                .statusCode(403)
                .body("[0].code", equalTo(403))
                .body("[0].description", startsWith("api_key is missing, revoked or not valid"));

        var trail =
                given().auth()
                        .oauth2(Tokens.of(ADMIN))
                        .queryParam("kind", "OPEN311_KEY")
                        .queryParam("code", id)
                        .when()
                        .get("/api/v1/audit")
                        .then()
                        .statusCode(200)
                        .body("action", org.hamcrest.Matchers.contains("REVOKE", "CREATE"))
                        .body("actor", org.hamcrest.Matchers.everyItem(equalTo(ADMIN)))
                        .body("[0].before.revokedAt", nullValue())
                        .body("[0].after.revokedBy", equalTo(ADMIN))
                        .body("[1].after.clientName", equalTo(client));
        assertThat(trail.extract().asString())
                .as("the audit trail never holds the key")
                .doesNotContain(key);
    }

    @Test
    @DisplayName(
            "an administrator's change to the calendar is in the audit trail with before and after, a refused one is not")
    void calendarChangesAreAudited() {
        // A day far off, other in every run, so the trail of one run is not another's.
        var day =
                java.time.LocalDate.of(2198, 1, 1)
                        .plusDays(Math.floorMod(UUID.randomUUID().hashCode(), 3000))
                        .toString();
        given().auth()
                .oauth2(Tokens.of(ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"working\":false,\"name\":\"audit\"}")
                .when()
                .put("/api/v1/calendar/" + day)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.of("CC-DISPATCHER-1"))
                .contentType(ContentType.JSON)
                .body("{\"working\":true,\"name\":\"not mine\"}")
                .when()
                .put("/api/v1/calendar/" + day)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(ADMIN))
                .when()
                .delete("/api/v1/calendar/" + day)
                .then()
                .statusCode(204);

        given().auth()
                .oauth2(Tokens.of(ADMIN))
                .queryParam("kind", "CALENDAR_DAY")
                .queryParam("code", day)
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", org.hamcrest.Matchers.contains("DELETE", "CREATE"))
                .body("[1].after.name", equalTo("audit"))
                .body("[1].before", nullValue())
                .body("[0].before.working", equalTo(false))
                .body("[0].after", nullValue());
    }

    @Test
    @DisplayName(
            "a dispatcher may not create, list or revoke keys (403 ADMIN_ONLY) and creates nothing by trying")
    void onlyAnAdministratorManagesKeys() throws SQLException {
        var before = keys();
        var dispatcher = Tokens.of("CC-DISPATCHER-1");
        given().auth()
                .oauth2(dispatcher)
                .contentType(ContentType.JSON)
                .body("{\"clientName\":\"mine\"}")
                .when()
                .post("/api/v1/open311-keys")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        given().auth().oauth2(dispatcher).when().get("/api/v1/open311-keys").then().statusCode(403);
        given().auth()
                .oauth2(dispatcher)
                .when()
                .delete("/api/v1/open311-keys/" + UUID.randomUUID())
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body("{\"clientName\":\"mine\"}")
                .when()
                .post("/api/v1/open311-keys")
                .then()
                .statusCode(401);
        assertThat(keys()).isEqualTo(before);
    }

    @Test
    @DisplayName("a key that was never given, or none, posts nothing")
    void unknownKeyPostsNothing() {
        post("o311_" + UUID.randomUUID(), "made up").then().statusCode(403);
        post("", "no key").then().statusCode(403);
    }

    private static Response post(String key, String description) {
        return given().contentType(ContentType.URLENC)
                .formParam("api_key", key)
                .formParam("service_code", "0102")
                .formParam("lat", "35.0041")
                .formParam("long", "119.1651")
                .formParam("description", description)
                .formParam("device_id", UUID.randomUUID().toString())
                .when()
                .post("/open311/v2/requests.json");
    }

    private long keys() throws SQLException {
        return count("select count(*) from open311_api_keys");
    }

    private long count(String sql, String... values) throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
