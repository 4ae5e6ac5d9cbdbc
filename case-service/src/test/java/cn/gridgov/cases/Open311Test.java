package cn.gridgov.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import cn.gridgov.cases.open311.GeoReport;
import cn.gridgov.cases.open311.Open311Format;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GeoReport v2 as a civic app uses it: form posts, JSON and XML answers, errors as the
 * specification says. Citizens' apps carry no token: Open311 is open, posting takes an api key.
 */
@QuarkusTest
class Open311Test {

    private static final String JURISDICTION = "gridgov.demo-town";

    @Inject AgroalDataSource database;

    @Test
    @DisplayName("the catalogue's items are the services, grouped by section, in JSON and in XML")
    void servicesAreTheCatalogue() {
        given().when()
                .get("/open311/v2/services.json")
                .then()
                .statusCode(200)
                .body("service_code", hasItem("0102"))
                .body("find { it.service_code == '0102' }.group", equalTo("城市综合"));
        given().when()
                .get("/open311/v2/services.xml")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/xml"))
                .body(
                        "services.service.find { it.service_code == '0102' }.service_name",
                        equalTo("道路破损"));
        given().when()
                .get("/open311/v2/services/0102.json")
                .then()
                .statusCode(200)
                .body("service_code", equalTo("0102"));
        given().when()
                .get("/open311/v2/services/9999.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
    }

    @Test
    @DisplayName(
            "a citizen's app posts a pothole, gets a case number, and reads it back as open with its step")
    void postAndReadBack() {
        var device = UUID.randomUUID().toString();
        String id =
                post("0102", device, "pothole by the school")
                        .then()
                        .statusCode(200)
                        .body(
                                "[0].service_request_id",
                                org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d{6,}"))
                        .extract()
                        .path("[0].service_request_id");
        given().when()
                .get("/open311/v2/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", equalTo("已上报，待核实"))
                .body("[0].service_name", equalTo("道路破损"));

        post("0102", device, "pothole by the school")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", equalTo(id));
        given().queryParam("status", "open")
                .queryParam("service_code", "0102")
                .when()
                .get("/open311/v2/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(id));
        given().when()
                .get("/open311/v2/requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .body("service_requests.request.status", equalTo("open"));
    }

    @Test
    @DisplayName(
            "a request merged into an open case 30 m away keeps answering, with the status of that case")
    void mergedRequestFollowsItsCase() {
        String existing =
                post("0102", null, "deep pothole")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].service_request_id");
        String citizen =
                given().contentType(ContentType.URLENC)
                        .formParam("api_key", "demo-key")
                        .formParam("service_code", "0102")
                        .formParam("lat", "35.5003")
                        .formParam("long", "119.6000")
                        .formParam("description", "hole in road")
                        .when()
                        .post("/open311/v2/requests.json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].service_request_id");

        // The duty chief merges it (the spot is in no grid the test knows, so no grid worker's post
        // covers it).
        CaseLoopTest.command(
                        citizen, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"" + existing + "\"")
                .then()
                .statusCode(200);

        given().when()
                .get("/open311/v2/requests/" + citizen + ".json")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", equalTo(citizen))
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", containsString(existing));
    }

    @Test
    @DisplayName(
            "a missing or wrong api key, a missing location, an unknown service and unstorable text are errors in the specification's form")
    void errorsFollowTheSpecification() {
        given().contentType(ContentType.URLENC)
                .formParam("service_code", "0102")
                .formParam("lat", "35.5")
                .formParam("long", "119.6")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(403)
                .body("[0].code", equalTo(403));
        given().contentType(ContentType.URLENC)
                .formParam("api_key", "demo-key")
                .formParam("service_code", "0102")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("lat and long, or address_string"));
        given().contentType(ContentType.URLENC)
                .formParam("api_key", "demo-key")
                .formParam("service_code", "0102")
                .formParam("lat", "35.5")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("long is missing"));
        post("9999", null, "x")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("9999"));
        given().contentType(ContentType.URLENC)
                .formParam("api_key", "demo-key")
                .formParam("service_code", "0102")
                .formParam("lat", "NaN")
                .formParam("long", "119.6")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400);
        given().contentType(ContentType.URLENC)
                .formParam("api_key", "demo-key")
                .formParam("service_code", "0102")
                .when()
                .post("/open311/v2/requests.xml")
                .then()
                .statusCode(400)
                .body("errors.error.code", equalTo("400"));
        given().when().get("/open311/v2/requests/1999-000000.json").then().statusCode(404);
        post("0102", null, "hole\u0000in road")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("NUL"));
    }

    private static io.restassured.response.Response post(
            String code, String device, String description) {
        var request =
                given().contentType(ContentType.URLENC)
                        .formParam("api_key", "demo-key")
                        .formParam("service_code", code)
                        .formParam("lat", "35.5001")
                        .formParam("long", "119.6001")
                        .formParam("description", description);
        if (device != null) {
            request = request.formParam("device_id", device);
        }
        return request.when().post("/open311/v2/requests.json");
    }

    @Test
    @DisplayName(
            "discovery names the GeoReport v2 endpoint, its formats, the contact and how to get a key, in JSON and XML")
    void discovery() {
        given().when()
                .get("/open311/discovery.json")
                .then()
                .statusCode(200)
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", org.hamcrest.Matchers.endsWith("/open311/v2"))
                .body("endpoints[0].formats", hasItem(startsWith("text/xml")))
                .body("key_service", containsString(JURISDICTION))
                .body("contact", notNullValue());
        given().when()
                .get("/open311/discovery.xml")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/xml"))
                .body(
                        "discovery.endpoints.endpoint.formats.format",
                        hasItem(startsWith("application/json")));
    }

    @Test
    @DisplayName(
            "a service's definition lists the attributes of its catalogue item; services with attributes say metadata")
    void definitionsCarryTheCataloguesAttributes() {
        given().when()
                .get("/open311/v2/services.json")
                .then()
                .statusCode(200)
                .body("find { it.service_code == '0101' }.metadata", equalTo(true))
                .body("find { it.service_code == '0104' }.metadata", equalTo(false));
        given().when()
                .get("/open311/v2/services/0101.json")
                .then()
                .statusCode(200)
                .body("service_code", equalTo("0101"))
                .body("attributes[0].code", equalTo("cover_state"))
                .body("attributes[0].datatype", equalTo("singlevaluelist"))
                .body("attributes[0].required", equalTo(true))
                .body("attributes[0].variable", equalTo(true))
                .body("attributes[0].order", equalTo(1))
                .body(
                        "attributes[0].values.key",
                        org.hamcrest.Matchers.contains("missing", "broken", "displaced"))
                .body("attributes[1].required", equalTo(false));
        given().when()
                .get("/open311/v2/services/0101.xml")
                .then()
                .statusCode(200)
                .body(
                        "service_definition.attributes.attribute[0].values.value[1].name",
                        equalTo("破损"));
        given().when()
                .get("/open311/v2/services/0102.json")
                .then()
                .statusCode(200)
                .body("attributes[0].datatype", equalTo("number"));
    }

    @Test
    @DisplayName(
            "media_url and attribute[code] are kept (the client's own attributes too); the reporter's name, e-mail and phone are kept and shown nowhere")
    void mediaAttributesAndAPrivateReporter() throws SQLException {
        var email = "wang." + UUID.randomUUID() + "@example.org";
        var phone = "139" + (10000000 + (int) (Math.random() * 89999999));
        String id =
                form().formParam("service_code", "0101")
                        .formParam("lat", "35.4101")
                        .formParam("long", "119.4101")
                        .formParam("description", "井盖不见了")
                        .formParam("media_url", "https://photos.example.org/cover.jpg")
                        .formParam("attribute[cover_state]", "missing")
                        .formParam("attribute[on_carriageway]", "yes")
                        .formParam("attribute[fixmystreet_id]", "4711")
                        .formParam("first_name", "小明")
                        .formParam("last_name", "王瑾瑜")
                        .formParam("email", email)
                        .formParam("phone", phone)
                        .formParam("account_id", "fms-user-17")
                        .formParam("jurisdiction_id", JURISDICTION)
                        .when()
                        .post("/open311/v2/requests.json")
                        .then()
                        .statusCode(200)
                        .body("[0].account_id", equalTo("fms-user-17"))
                        .extract()
                        .path("[0].service_request_id");

        var read =
                given().when()
                        .get("/open311/v2/requests/" + id + ".json")
                        .then()
                        .statusCode(200)
                        .body("[0].media_url", equalTo("https://photos.example.org/cover.jpg"))
                        .extract()
                        .asString();
        var listed =
                given().queryParam("service_request_id", id)
                        .when()
                        .get("/open311/v2/requests.xml")
                        .then()
                        .statusCode(200)
                        .body(
                                "service_requests.request.media_url",
                                equalTo("https://photos.example.org/cover.jpg"))
                        .extract()
                        .asString();
        var caseView =
                CaseLoopTest.as("CC-DUTY_CHIEF-1")
                        .when()
                        .get("/api/v1/cases/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        var timeline =
                CaseLoopTest.as("CC-DUTY_CHIEF-1")
                        .when()
                        .get("/api/v1/cases/" + id + "/timeline")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        for (var shown : new String[] {read, listed, caseView, timeline}) {
            assertThat(shown)
                    .doesNotContain(email)
                    .doesNotContain(phone)
                    .doesNotContain("王瑾瑜")
                    .doesNotContain("fms-user-17");
        }
        assertThat(
                        count(
                                "select count(*) from outbox_event where payload like ? or payload like ? or payload like ?",
                                "%" + email + "%",
                                "%" + phone + "%",
                                "%王瑾瑜%"))
                .as("events holding the reporter's contact")
                .isZero();
        assertThat(
                        count(
                                "select count(*) from open311_request r join cases c on c.report_id = r.report_id where c.number = ?"
                                        + " and r.email = ? and r.phone = ? and r.last_name = '王瑾瑜' and r.attributes ->> 'cover_state' = 'missing'"
                                        + " and r.attributes ->> 'on_carriageway' = 'yes' and r.attributes ->> 'fixmystreet_id' = '4711'",
                                id,
                                email,
                                phone))
                .as("the request kept for the answer")
                .isEqualTo(1);
    }

    @Test
    @DisplayName(
            "a required attribute missing, or a value its definition does not allow, is a 400 naming it")
    void attributesAreChecked() {
        form().formParam("service_code", "0101")
                .formParam("lat", "35.41")
                .formParam("long", "119.41")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400))
                .body("[0].description", containsString("attribute[cover_state]"));
        form().formParam("service_code", "0101")
                .formParam("lat", "35.41")
                .formParam("long", "119.41")
                .formParam("attribute[cover_state]", "stolen")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("missing, broken, displaced"));
        form().formParam("service_code", "0102")
                .formParam("lat", "35.41")
                .formParam("long", "119.41")
                .formParam("attribute[area_m2]", "large")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("must be a number"));
        form().formParam("service_code", "0102")
                .formParam("lat", "35.41")
                .formParam("long", "119.41")
                .formParam("media_url", "javascript:alert(1)")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("media_url"));
    }

    @Test
    @DisplayName(
            "a request with an address alone gets a token; a dispatcher places it, and the token then answers with its case")
    void addressOnlyRequestIsPlacedByADispatcher() {
        var address = "柘汪镇 G07 网格 " + UUID.randomUUID();
        var receipt =
                form().formParam("service_code", "0102")
                        .formParam("address_string", address)
                        .formParam("description", "路面塌陷")
                        .formParam("email", "li@example.org")
                        .when()
                        .post("/open311/v2/requests.xml")
                        .then()
                        .statusCode(200)
                        .body("service_requests.request.service_request_id", equalTo(""))
                        .extract();
        String token = receipt.path("service_requests.request.token");
        given().when()
                .get("/open311/v2/tokens/" + token + ".json")
                .then()
                .statusCode(200)
                .body("[0].token", equalTo(token))
                .body("[0].service_request_id", nullValue());

        var pending =
                CaseLoopTest.as("CC-DISPATCHER-1")
                        .when()
                        .get("/api/v1/open311-requests/pending")
                        .then()
                        .statusCode(200)
                        .body("find { it.token == '" + token + "' }.address", equalTo(address))
                        .body("find { it.token == '" + token + "' }.serviceCode", equalTo("0102"))
                        .extract()
                        .asString();
        assertThat(pending).as("the desk's list holds no contact").doesNotContain("li@example.org");
        CaseLoopTest.as("G07-2")
                .when()
                .get("/api/v1/open311-requests/pending")
                .then()
                .statusCode(403)
                .body("code", equalTo("ROLE_NOT_ALLOWED"));
        CaseLoopTest.as("G07-2")
                .contentType(ContentType.JSON)
                .body(
                        "{\"longitude\":"
                                + StandInLocate.G07_LONGITUDE
                                + ",\"latitude\":"
                                + StandInLocate.G07_LATITUDE
                                + "}")
                .when()
                .post("/api/v1/open311-requests/" + token + "/placement")
                .then()
                .statusCode(403);

        String number =
                CaseLoopTest.as("CC-DISPATCHER-1")
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"longitude\":"
                                        + StandInLocate.G07_LONGITUDE
                                        + ",\"latitude\":"
                                        + StandInLocate.G07_LATITUDE
                                        + "}")
                        .when()
                        .post("/api/v1/open311-requests/" + token + "/placement")
                        .then()
                        .statusCode(201)
                        .body("gridCode", equalTo("G07"))
                        .body("token", equalTo(token))
                        .extract()
                        .path("number");
        CaseLoopTest.as("CC-DISPATCHER-1")
                .contentType(ContentType.JSON)
                .body("{\"longitude\":119.1,\"latitude\":35.0}")
                .when()
                .post("/api/v1/open311-requests/" + token + "/placement")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_PENDING"));

        given().when()
                .get("/open311/v2/tokens/" + token + ".json")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", equalTo(number));
        given().when()
                .get("/open311/v2/requests/" + number + ".json")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].address", equalTo(address))
                .body("[0].lat", equalTo((float) StandInLocate.G07_LATITUDE));
        CaseLoopTest.as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/cases/" + number + "/timeline")
                .then()
                .statusCode(200)
                .body(
                        "find { it.action == 'PLACED_FROM_ADDRESS' }.staffId",
                        equalTo("CC-DISPATCHER-1"));
        CaseLoopTest.as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/open311-requests/pending")
                .then()
                .statusCode(200)
                .body("token", org.hamcrest.Matchers.not(hasItem(token)));
    }

    @Test
    @DisplayName(
            "servicerequestupdates: a client's update lands once on the case's timeline, and the period's updates list it with the case's changes")
    void serviceRequestUpdates() {
        var from = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        String id =
                post("0102", null, "pothole at the bridge")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].service_request_id");
        var clientUpdate = "fms-" + UUID.randomUUID();
        String updateId =
                updateForm(id, clientUpdate, "还在，越来越大了")
                        .when()
                        .post("/open311/v2/servicerequestupdates.json")
                        .then()
                        .statusCode(200)
                        .body("[0].update_id", startsWith(id + "/"))
                        .extract()
                        .path("[0].update_id");
        updateForm(id, clientUpdate, "还在，越来越大了")
                .when()
                .post("/open311/v2/servicerequestupdates.xml")
                .then()
                .statusCode(200)
                .body("service_request_updates.request_update.update_id", equalTo(updateId));
        CaseLoopTest.as("CC-DUTY_CHIEF-1")
                .when()
                .get("/api/v1/cases/" + id + "/timeline")
                .then()
                .statusCode(200)
                .body("findAll { it.action == 'OPEN311_UPDATE' }.size()", equalTo(1))
                .body("find { it.action == 'OPEN311_UPDATE' }.note", startsWith("还在，越来越大了"));

        var updates =
                given().queryParam("start_date", from)
                        .queryParam("end_date", Instant.now().plusSeconds(5).toString())
                        .queryParam("jurisdiction_id", JURISDICTION)
                        .when()
                        .get("/open311/v2/servicerequestupdates.xml")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/xml"))
                        .extract()
                        .asString();
        try {
            var read =
                    Open311Format.XML.read(updates, GeoReport.Updates.class).items().stream()
                            .filter(u -> u.serviceRequestId().equals(id))
                            .toList();
            assertThat(read).extracting(GeoReport.Update::status).containsExactly("OPEN", "OPEN");
            assertThat(read.get(0).description()).isEqualTo("已上报，待核实");
            assertThat(read.get(1).updateId()).isEqualTo(updateId);
            assertThat(read.get(1).description()).startsWith("还在，越来越大了");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(updates, e);
        }
        given().queryParam("start_date", "last week")
                .when()
                .get("/open311/v2/servicerequestupdates.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("W3C"));
        updateForm("1999-000000", "fms-" + UUID.randomUUID(), "x")
                .when()
                .post("/open311/v2/servicerequestupdates.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
        given().contentType(ContentType.URLENC)
                .formParam("service_request_id", id)
                .formParam("update_id", "u")
                .formParam("description", "no key")
                .when()
                .post("/open311/v2/servicerequestupdates.json")
                .then()
                .statusCode(403);
    }

    @Test
    @DisplayName(
            "another jurisdiction is refused; the framework's own refusals on Open311 paths are in the specification's form too")
    void jurisdictionAndTheFrameworksErrors() throws Exception {
        given().queryParam("jurisdiction_id", JURISDICTION)
                .when()
                .get("/open311/v2/services.json")
                .then()
                .statusCode(200);
        given().queryParam("jurisdiction_id", "sf.gov")
                .when()
                .get("/open311/v2/services.xml")
                .then()
                .statusCode(400)
                .contentType(startsWith("text/xml"))
                .body("errors.error.description", containsString(JURISDICTION));
        form().formParam("jurisdiction_id", "sf.gov")
                .formParam("service_code", "0102")
                .formParam("lat", "35.4")
                .formParam("long", "119.4")
                .when()
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(400);

        var json =
                given().contentType(ContentType.JSON)
                        .body("{\"service_code\":\"0102\"}")
                        .when()
                        .post("/open311/v2/requests.json")
                        .then()
                        .statusCode(415)
                        .contentType(startsWith("application/json"))
                        .body("[0].code", equalTo(415))
                        .body("[0].description", containsString("x-www-form-urlencoded"))
                        .extract()
                        .asString();
        assertThat(Open311Format.JSON.read(json, GeoReport.Errors.class).items()).hasSize(1);
        var xml =
                given().contentType(ContentType.JSON)
                        .body("{}")
                        .when()
                        .post("/open311/v2/servicerequestupdates.xml")
                        .then()
                        .statusCode(415)
                        .contentType(startsWith("text/xml"))
                        .extract()
                        .asString();
        assertThat(Open311Format.XML.read(xml, GeoReport.Errors.class).items().get(0).code())
                .isEqualTo(415);
        given().when()
                .get("/open311/v2/nothing-here.xml")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/xml"))
                .body("errors.error.code", equalTo("404"));
        given().when()
                .get("/open311/v2/requests/2026-000001/extra.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
        given().when()
                .delete("/open311/v2/requests.json")
                .then()
                .statusCode(405)
                .body("[0].code", equalTo(405));
        given().queryParam("status", "pending")
                .when()
                .get("/open311/v2/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("status"));
    }

    /**
     * A form as FixMyStreet posts it: UTF-8, with no charset in its content type (GeoReport says
     * all text is UTF-8), which the service must read as such.
     */
    private static RequestSpecification form() {
        return given().config(
                        RestAssuredConfig.config()
                                .encoderConfig(
                                        EncoderConfig.encoderConfig()
                                                .defaultContentCharset(StandardCharsets.UTF_8)
                                                .appendDefaultContentCharsetToContentTypeIfUndefined(
                                                        false)))
                .contentType("application/x-www-form-urlencoded")
                .formParam("api_key", "demo-key");
    }

    private static RequestSpecification updateForm(
            String id, String clientUpdateId, String description) {
        return form().formParam("service_request_id", id)
                .formParam("update_id", clientUpdateId)
                .formParam("status", "OPEN")
                .formParam("updated_datetime", Instant.now().toString())
                .formParam("description", description)
                .formParam("email", "zhao@example.org")
                .formParam("first_name", "赵")
                .formParam("last_name", "六");
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
