package cn.gridgov.cases.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The department workbench (部门工作台, dispatch-service's page) in Debian's headless Chromium, with the
 * three services running from their packaged jars: a member of the enforcement bureau signs in on
 * the identity provider's form, sees a manhole case dispatched to the bureau with its clock,
 * accepts it, submits the result with a photo (straight to case-service, across origins), and
 * reports for duty at a whistle with the device's location. Screenshots at phone and desk width are
 * kept in target/screenshots.
 */
class WorkbenchJourneyIT {

    private static final int GRID_PORT = 28081;
    private static final int CASE_PORT = 28082;
    private static final int DISPATCH_PORT = 28083;
    private static final String STAFF = "ZHZF-1";

    /** The centre of G07 in the demo town. */
    private static final double LON = 119.165;

    private static final double LAT = 35.004;
    private static final byte[] PNG =
            java.util.Base64.getDecoder()
                    .decode(
                            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static ServiceProcess grid;
    private static ServiceProcess dispatch;
    private static ServiceProcess cases;

    @BeforeAll
    static void startTheSystem() throws Exception {
        grid =
                new ServiceProcess("grid-service", GRID_PORT, "gridgov.demo-town.enabled=true")
                        .start();
        dispatch =
                new ServiceProcess(
                                "dispatch-service",
                                DISPATCH_PORT,
                                "mp.messaging.incoming.case-events.group.id=dispatch-service-journey",
                                "mp.messaging.incoming.grid-events.group.id=dispatch-service-journey-grid",
                                "gridgov.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                // The reconciliation compares with the real case-service.
                                "quarkus.rest-client.case-service.url=http://127.0.0.1:"
                                        + CASE_PORT,
                                // The page posts photos and results to this case-service, whose
                                // test profile allows the page's origin.
                                "gridgov.pages.cases-api=http://127.0.0.1:" + CASE_PORT + "/api/v1")
                        .start();
        cases =
                new ServiceProcess(
                                "case-service",
                                CASE_PORT,
                                "gridgov.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                "mp.messaging.incoming.dispatch-events.group.id=case-service-journey")
                        .start();
        for (var service : new ServiceProcess[] {grid, dispatch, cases}) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        differencesBefore = Reconciled.settledDifferences(dispatch.baseUrl());
    }

    private static java.util.Set<String> differencesBefore;

    /**
     * What the workbench did, both services agree on: the reconciliation lists no new difference.
     */
    @AfterEach
    void bothServicesAgree() {
        Reconciled.assertNoNewDifference(dispatch.baseUrl(), differencesBefore);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (var service : new ServiceProcess[] {cases, dispatch, grid}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @DisplayName(
            "enforcement staff sign in to the workbench, see a case dispatched to their bureau with its clock, accept it, submit the result with a photo, and report for duty at a whistle from the device's location")
    void departmentWorkbench() throws Exception {
        // A missing manhole cover in G07: enforcement (ZHZF) leads by rule R-01, housing (ZJJ)
        // co-handles.
        String caseId =
                as("G07-2")
                        .baseUri(cases.baseUrl())
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"GRID_WORKER\",\"category\":\"0101\","
                                        + "\"description\":\"井盖缺失 manhole cover missing\",\"longitude\":"
                                        + LON
                                        + ",\"latitude\":"
                                        + LAT
                                        + "}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        String number =
                as("CC-DUTY_CHIEF-1")
                        .baseUri(cases.baseUrl())
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .when()
                        .post("/api/v1/cases/" + caseId + "/accept")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("number");
        awaitCase(caseId, "DISPATCHED");
        String whistleId =
                as("CC-DISPATCHER-1")
                        .baseUri(dispatch.baseUrl())
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"whistleId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"kind\":\"HARD_CASE\",\"departments\":[\"ZHZF\"]}")
                        .when()
                        .post("/api/v1/cases/" + caseId + "/whistles")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("whistleId");

        var browser = HeadlessChromium.open("workbench");
        try {
            // The device stands by the case (the page asks navigator.geolocation, as on a phone).
            browser.executeCdpCommand(
                    "Browser.grantPermissions",
                    Map.of("origin", dispatch.baseUrl(), "permissions", List.of("geolocation")));
            browser.executeCdpCommand(
                    "Emulation.setGeolocationOverride",
                    Map.of("latitude", LAT + 0.0003, "longitude", LON + 0.0002, "accuracy", 15));
            browser.manage().window().setSize(new Dimension(1440, 1000));
            browser.get(dispatch.baseUrl() + "/workbench/");
            SignInPage.signIn(browser, STAFF);

            var awaiting = By.cssSelector("#awaiting li[data-case-id='" + caseId + "']");
            assertThat(textOf(browser, awaiting)).contains(number).contains("G07").contains("ZJJ");
            assertThat(browser.findElement(awaiting).getAttribute("data-clock"))
                    .isIn("GREEN", "YELLOW", "RED");
            assertThat(browser.findElement(By.id("me")).getText())
                    .as("who is signed in")
                    .contains(STAFF);
            assertThat(browser.findElement(By.id("department")).getText()).contains("区综合执法局");
            assertThat(
                            textOf(
                                    browser,
                                    By.cssSelector(
                                            "#whistles li[data-whistle-id='" + whistleId + "']")))
                    .contains(number);
            waitFor(browser).until(b -> b.findElement(By.cssSelector("#live[data-state='live']")));
            screenshot(browser, "workbench-tasks-1440.png");

            click(
                    browser,
                    By.cssSelector("#awaiting li[data-case-id='" + caseId + "'] button.accept"));
            var leading = By.cssSelector("#lead li[data-case-id='" + caseId + "']");
            textOf(browser, leading);
            assertThat(textOf(browser, By.id("notice"))).contains(number);
            awaitCase(caseId, "HANDLING");

            click(
                    browser,
                    By.cssSelector("#lead li[data-case-id='" + caseId + "'] button.details"));
            waitFor(browser).until(b -> b.findElement(By.id("result-form")).isDisplayed());
            assertThat(textOf(browser, By.id("timeline"))).contains("G07-2");
            var photo =
                    Files.write(
                            Files.createDirectories(Path.of("target", "workbench"))
                                    .resolve("cover-replaced.png"),
                            PNG);
            browser.findElement(By.id("result-note")).sendKeys("井盖已更换 cover replaced");
            browser.findElement(By.id("result-photos")).sendKeys(photo.toAbsolutePath().toString());
            browser.findElement(By.id("result-submit")).click();
            waitLong(browser)
                    .until(
                            b ->
                                    b.findElement(By.id("notice")).getText().contains(number)
                                            && !b.findElement(By.id("result-form")).isDisplayed());
            waitFor(browser)
                    .until(
                            b ->
                                    !b.findElements(By.cssSelector("#photos img[data-photo-id]"))
                                            .isEmpty());
            waitFor(browser)
                    .until(
                            b ->
                                    "ZHZF"
                                            .equals(
                                                    b.findElement(By.id("kpis"))
                                                            .getAttribute("data-unit")));
            screenshot(browser, "workbench-1440.png");
            as(STAFF)
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RESULT_SUBMITTED"));
            as(STAFF)
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId + "/timeline")
                    .then()
                    .statusCode(200)
                    .body(
                            "find { it.staffId == 'ZHZF-1' && it.toStatus == 'RESULT_SUBMITTED' }.photoIds",
                            hasSize(1));

            click(
                    browser,
                    By.cssSelector(
                            "#whistles li[data-whistle-id='" + whistleId + "'] button.report"));
            waitFor(browser)
                    .until(
                            b ->
                                    !b.findElement(By.id("duty-longitude"))
                                            .getAttribute("value")
                                            .isEmpty());
            browser.findElement(By.id("duty-submit")).click();
            waitLong(browser)
                    .until(
                            b ->
                                    b.findElements(
                                                    By.cssSelector(
                                                            "#whistles li[data-whistle-id='"
                                                                    + whistleId
                                                                    + "']"))
                                            .isEmpty());
            as(STAFF)
                    .baseUri(dispatch.baseUrl())
                    .when()
                    .get("/api/v1/whistles/" + whistleId)
                    .then()
                    .statusCode(200)
                    .body("departments.find { it.departmentCode == 'ZHZF' }.arrived", equalTo(true))
                    .body(
                            "departments.find { it.departmentCode == 'ZHZF' }.arrivedStaffId",
                            equalTo(STAFF));

            // The department's own indicators, then the page in English at a phone's width.
            waitFor(browser)
                    .until(
                            b ->
                                    "ZHZF"
                                            .equals(
                                                    b.findElement(By.id("kpis"))
                                                            .getAttribute("data-unit")));
            browser.findElement(By.id("language")).click();
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .contains("Department workbench");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("en");
            browser.manage().window().setSize(new Dimension(390, 844));
            var scrollWidth =
                    (Long) browser.executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth)
                    .as("nothing wider than a phone's screen")
                    .isLessThanOrEqualTo(390L);
            screenshot(browser, "workbench-390.png");
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        var dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static String textOf(ChromeDriver browser, By what) {
        return waitLong(browser)
                .ignoring(StaleElementReferenceException.class)
                .until(
                        b -> {
                            var text = b.findElement(what).getText();
                            return text.isEmpty() ? null : text;
                        });
    }

    private static void click(ChromeDriver browser, By what) {
        waitFor(browser)
                .ignoring(StaleElementReferenceException.class)
                .until(
                        b -> {
                            b.findElement(what).click();
                            return true;
                        });
    }

    private static WebDriverWait waitFor(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private static WebDriverWait waitLong(ChromeDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static RequestSpecification as(String staffId) {
        return given().auth().oauth2(Tokens.of(staffId));
    }

    private static void awaitCase(String caseId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .baseUri(cases.baseUrl())
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo(status)));
    }
}
