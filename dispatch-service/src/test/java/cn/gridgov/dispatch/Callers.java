package cn.gridgov.dispatch;

import static io.restassured.RestAssured.given;

import cn.gridgov.kit.testing.Tokens;
import io.restassured.specification.RequestSpecification;

/** Requests as a demo staff member, with their real access token from the stack's Keycloak. */
public final class Callers {

    /** The duty dispatcher: reads what the console reads, dispatches by hand, blows whistles. */
    public static final String DISPATCHER = "CC-DISPATCHER-1";

    private Callers() {}

    /** A request carrying this demo user's bearer token (user name = staff id). */
    public static RequestSpecification as(String staffId) {
        return given().auth().oauth2(Tokens.of(staffId));
    }
}
