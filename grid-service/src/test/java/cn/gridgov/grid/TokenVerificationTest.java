package cn.gridgov.grid;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A token grid-service must not believe, on a change only an administrator may make: the
 * administrator's own token once it has expired, with its signature broken or stripped, and real
 * tokens from another realm or for another audience. Each is a 401 with a JSON body, and the
 * database holds neither the department nor an audit entry afterwards.
 */
@QuarkusTest
class TokenVerificationTest {

    private static final String ADMIN = "CC-ADMIN-1";

    @Inject AgroalDataSource dataSource;

    private final String code = "TV-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeOwnRows() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from audit_entry where code like 'TV-%'");
            statement.execute("delete from department where code like 'TV-%'");
        }
    }

    @Test
    @DisplayName("the administrator's expired token is refused with 401 and nothing is written")
    void expired() throws SQLException {
        refused(Tokens.expired(ADMIN));
    }

    @Test
    @DisplayName(
            "a real token of another issuer (a neighbouring town's realm, G07-2 holding ADMIN there) is refused with 401 and nothing is written")
    void otherIssuer() throws SQLException {
        refused(Tokens.otherIssuer());
    }

    @Test
    @DisplayName(
            "a well-formed, signed token from an issuer of its own naming the administrator is refused with 401 and nothing is written")
    void mintedByAnotherIssuer() throws Exception {
        refused(Tokens.signedElsewhere(ADMIN, "ADMIN"));
    }

    @Test
    @DisplayName(
            "the administrator's token for another audience (admin-cli, not gridgov-api) is refused with 401 and nothing is written")
    void otherAudience() throws SQLException {
        refused(Tokens.otherAudience(ADMIN));
    }

    @Test
    @DisplayName(
            "a grid worker's token rewritten to name the administrator fails its signature: 401, nothing written")
    void tampered() throws SQLException {
        refused(Tokens.tampered(Tokens.of("G07-2"), ADMIN));
    }

    @Test
    @DisplayName(
            "the administrator's claims sent unsigned (alg none) are refused with 401 and nothing is written")
    void unsigned() throws SQLException {
        refused(Tokens.unsigned(Tokens.of(ADMIN)));
    }

    @Test
    @DisplayName(
            "a garbage bearer value and no token at all are refused with 401 and nothing is written")
    void garbageAndNone() throws SQLException {
        refused("not-a-jwt");
        given().contentType(ContentType.JSON)
                .body(department())
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("code", equalTo("UNAUTHENTICATED"));
        assertNothingWritten();
    }

    @Test
    @DisplayName(
            "the same request with the administrator's valid token is carried out, so the refusals above are the token's doing")
    void validTokenWrites() throws SQLException {
        given().auth()
                .oauth2(Tokens.of(ADMIN))
                .contentType(ContentType.JSON)
                .body(department())
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(201)
                .body("code", equalTo(code));
        assertThat(count("select count(*) from department where code = ?")).isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from audit_entry where code = ? and actor = 'CC-ADMIN-1'"))
                .isEqualTo(1);
    }

    private void refused(String token) throws SQLException {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(department())
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("code", equalTo("UNAUTHENTICATED"));
        assertNothingWritten();
    }

    private void assertNothingWritten() throws SQLException {
        assertThat(count("select count(*) from department where code = ?"))
                .as("departments")
                .isZero();
        assertThat(count("select count(*) from audit_entry where code = ?"))
                .as("audit entries")
                .isZero();
        assertThat(count("select count(*) from outbox_event where message_key = ?"))
                .as("events")
                .isZero();
    }

    private String department() {
        return "{\"code\":\""
                + code
                + "\",\"name\":\"伪造局\",\"level\":\"DISTRICT\",\"responsibilities\":[\"0101\"]}";
    }

    private long count(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, code);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
