package cn.gridgov.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GeoReport v2 as a civic app uses it: form posts, JSON and XML answers, errors as the
 * specification says. Citizens' apps carry no token: Open311 is open, posting takes an api key.
 */
@QuarkusTest
class Open311Test {

    @Test
    @DisplayName("the catalogue's items are the services, grouped by section, in JSON and in XML")
    void servicesAreTheCatalogue() {
        given().when().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItem("0102"))
                .body("find { it.service_code == '0102' }.group", equalTo("城市综合"));
        given().when().get("/open311/v2/services.xml").then().statusCode(200)
                .contentType(startsWith("text/xml"))
                .body("services.service.find { it.service_code == '0102' }.service_name", equalTo("道路破损"));
        given().when().get("/open311/v2/services/0102.json").then().statusCode(200).body("[0].service_code", equalTo("0102"));
        given().when().get("/open311/v2/services/9999.json").then().statusCode(404).body("[0].code", equalTo(404));
    }

    @Test
    @DisplayName("a citizen's app posts a pothole, gets a case number, and reads it back as open with its step")
    void postAndReadBack() {
        var device = UUID.randomUUID().toString();
        String id = post("0102", device, "pothole by the school").then().statusCode(200)
                .body("[0].service_request_id", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{6,}"))
                .extract().path("[0].service_request_id");
        given().when().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", equalTo("已上报，待核实"))
                .body("[0].service_name", equalTo("道路破损"));

        post("0102", device, "pothole by the school").then().statusCode(200).body("[0].service_request_id", equalTo(id));
        given().queryParam("status", "open").queryParam("service_code", "0102")
                .when().get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(id));
        given().when().get("/open311/v2/requests/" + id + ".xml").then().statusCode(200)
                .body("service_requests.request.status", equalTo("open"));
    }

    @Test
    @DisplayName("a request merged into an open case 30 m away keeps answering, with the status of that case")
    void mergedRequestFollowsItsCase() {
        String existing = post("0102", null, "deep pothole").then().statusCode(200).extract().path("[0].service_request_id");
        String citizen = given().contentType(ContentType.URLENC)
                .formParam("api_key", "demo-key").formParam("service_code", "0102")
                .formParam("lat", "35.5003").formParam("long", "119.6000").formParam("description", "hole in road")
                .when().post("/open311/v2/requests.json").then().statusCode(200).extract().path("[0].service_request_id");

        // The duty chief merges it (the spot is in no grid the test knows, so no grid worker's post covers it).
        CaseLoopTest.command(citizen, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"" + existing + "\"").then().statusCode(200);

        given().when().get("/open311/v2/requests/" + citizen + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(citizen))
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", containsString(existing));
    }

    @Test
    @DisplayName("a missing or wrong api key, a missing location, an unknown service and unstorable text are errors in the specification's form")
    void errorsFollowTheSpecification() {
        given().contentType(ContentType.URLENC).formParam("service_code", "0102").formParam("lat", "35.5").formParam("long", "119.6")
                .when().post("/open311/v2/requests.json").then().statusCode(403).body("[0].code", equalTo(403));
        given().contentType(ContentType.URLENC).formParam("api_key", "demo-key").formParam("service_code", "0102")
                .when().post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", containsString("lat"));
        post("9999", null, "x").then().statusCode(400).body("[0].description", containsString("9999"));
        given().contentType(ContentType.URLENC).formParam("api_key", "demo-key").formParam("service_code", "0102")
                .formParam("lat", "NaN").formParam("long", "119.6")
                .when().post("/open311/v2/requests.json").then().statusCode(400);
        given().contentType(ContentType.URLENC).formParam("api_key", "demo-key").formParam("service_code", "0102")
                .when().post("/open311/v2/requests.xml").then().statusCode(400)
                .body("errors.error.code", equalTo("400"));
        given().when().get("/open311/v2/requests/1999-000000.json").then().statusCode(404);
        post("0102", null, "hole\u0000in road").then().statusCode(400).body("[0].description", containsString("NUL"));
    }

    private static io.restassured.response.Response post(String code, String device, String description) {
        var request = given().contentType(ContentType.URLENC)
                .formParam("api_key", "demo-key").formParam("service_code", code)
                .formParam("lat", "35.5001").formParam("long", "119.6001").formParam("description", description);
        if (device != null) {
            request = request.formParam("device_id", device);
        }
        return request.when().post("/open311/v2/requests.json");
    }
}
