package cn.gridgov.grid;

import static io.restassured.RestAssured.given;

import cn.gridgov.kit.testing.Tokens;
import io.restassured.specification.RequestSpecification;

/**
 * Requests with a real token from the stack's Keycloak: the tests act as the demo town's people.
 */
final class Signed {

    /**
     * The command center's administrator: the one who changes areas, departments, zones and staff.
     */
    static final String ADMIN = "CC-ADMIN-1";

    private Signed() {}

    static RequestSpecification asAdmin() {
        return as(ADMIN);
    }

    /** A demo user by staff id (G07-2, ZHZF-1, CC-DISPATCHER-1 …). */
    static RequestSpecification as(String staffId) {
        return given().auth().oauth2(Tokens.of(staffId));
    }

    /** Another service of the system, with its own token (client credentials). */
    static RequestSpecification asService() {
        return given().auth().oauth2(Tokens.service());
    }
}
