package cn.gridgov.cases.workbench;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The department workbench, served by dispatch-service on another origin, asks the browser's leave
 * (CORS) before it posts photos and results here; pages of any other origin are not let in.
 */
@QuarkusTest
class PageOriginTest {

    private static final String WORKBENCH = "http://127.0.0.1:18083";

    @Test
    @DisplayName(
            "the workbench's origin may post a result as JSON and a photo with a token; the answer lets its page read the photo's location")
    void workbenchMayPost() {
        given().header("Origin", WORKBENCH)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when()
                .options("/api/v1/cases/2026-000001/result")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(WORKBENCH))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("content-type"));
        given().header("Origin", WORKBENCH)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options("/api/v1/photos")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(WORKBENCH));
    }

    @Test
    @DisplayName("a page of another origin gets no leave to call")
    void otherOriginsRefused() {
        given().header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/api/v1/photos")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
