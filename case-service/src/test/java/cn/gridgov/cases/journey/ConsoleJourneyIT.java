package cn.gridgov.cases.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The command center's console (dispatch-service's page) in Debian's headless Chromium, with the
 * three services running from their packaged jars and no map tiles: the dispatcher signs in on the
 * identity provider's form, sees the demo town's grids drawn, finds a freshly reported case by the
 * case search (straight to case-service, across origins), opens it, reads its timeline, accepts it,
 * sees the routing decision that follows with its reason, and dispatches it by hand to another
 * lead. Screenshots at desk and phone width are kept in target/screenshots.
 */
class ConsoleJourneyIT {

    private static final int GRID_PORT = 28081;
    private static final int CASE_PORT = 28082;
    private static final int DISPATCH_PORT = 28083;
    private static final String DISPATCHER = "CC-DISPATCHER-1";

    /** The centre of G07 in the demo town. */
    private static final double LON = 119.165;

    private static final double LAT = 35.004;

    private static ServiceProcess grid;
    private static ServiceProcess dispatch;
    private static ServiceProcess cases;
    private static Set<String> differencesBefore;

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
                                "quarkus.rest-client.grid-service.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                "quarkus.rest-client.case-service.url=http://127.0.0.1:"
                                        + CASE_PORT,
                                // The page searches and reads cases at this case-service, whose
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

    /** What the console did, both services agree on: the reconciliation lists no new difference. */
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
            "the dispatcher signs in to the console, sees the town's grids with no tiles, finds a reported case by the search, reads its timeline, accepts it, sees its routing decision with the reason, and dispatches it by hand to another lead")
    void consoleSearchDetailAcceptDispatch() throws Exception {
        var words = "井盖缺失 " + UUID.randomUUID().toString().substring(0, 8);
        String caseId =
                as("G07-2")
                        .baseUri(cases.baseUrl())
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"GRID_WORKER\",\"category\":\"0101\","
                                        + "\"description\":\""
                                        + words
                                        + "\",\"longitude\":"
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
                as(DISPATCHER)
                        .baseUri(cases.baseUrl())
                        .when()
                        .get("/api/v1/cases/" + caseId)
                        .then()
                        .body("status", equalTo("VERIFIED"))
                        .extract()
                        .path("number");

        var browser = HeadlessChromium.open("console-journey");
        try {
            browser.manage().window().setSize(new Dimension(1440, 1000));
            browser.get(dispatch.baseUrl() + "/console/");
            SignInPage.signIn(browser, DISPATCHER);
            waitLong(browser)
                    .until(
                            b ->
                                    !b.findElements(
                                                    By.cssSelector(
                                                            "#map path[data-code='G07'].level-grid"))
                                            .isEmpty());
            assertThat(
                            browser.findElements(
                                    By.cssSelector("#map path.level-grid.kind-comprehensive")))
                    .hasSize(48);
            assertThat(browser.findElement(By.id("map")).getAttribute("data-tiles"))
                    .isEqualTo("none");

            // The search finds the case by its words; its number opens the detail.
            browser.findElement(By.id("search-q")).sendKeys(words);
            browser.findElement(By.id("search-submit")).click();
            var row = By.cssSelector("#search-rows tr[data-case-id='" + caseId + "']");
            assertThat(textOf(browser, row)).contains(number).contains("VERIFIED").contains("G07");
            assertThat(browser.findElement(By.id("search-count")).getText()).contains("1");
            click(browser, By.cssSelector("#search-rows tr[data-case-id='" + caseId + "'] button"));
            waitFor(browser)
                    .until(
                            b ->
                                    "VERIFIED"
                                            .equals(
                                                    b.findElement(By.id("detail-panel"))
                                                            .getAttribute("data-status")));
            assertThat(textOf(browser, By.id("timeline"))).contains("G07-2");
            assertThat(textOf(browser, By.id("detail-facts"))).contains(words);

            // Accepted (受理): dispatch-service routes it, and the detail shows where and why.
            waitFor(browser).until(b -> b.findElement(By.id("accept-form")).isDisplayed());
            new Select(browser.findElement(By.id("accept-urgency"))).selectByValue("URGENT");
            browser.findElement(By.id("accept-submit")).click();
            assertThat(textOf(browser, By.id("action-done"))).contains(number);
            waitLong(browser)
                    .until(
                            b ->
                                    "ZHZF"
                                            .equals(
                                                    b.findElement(By.id("routing"))
                                                            .getAttribute("data-department")));
            String reason =
                    as(DISPATCHER)
                            .baseUri(dispatch.baseUrl())
                            .when()
                            .get("/api/v1/routing-decisions/" + caseId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("reason");
            assertThat(textOf(browser, By.id("routing"))).contains(reason).contains("区综合执法局");
            waitFor(browser).until(b -> b.findElement(By.id("dispatch-form")).isDisplayed());
            screenshot(browser, "console-journey-1440.png");

            // Dispatched by hand to housing instead: the decision follows, by the dispatcher.
            new Select(browser.findElement(By.id("dispatch-department"))).selectByValue("ZJJ");
            browser.findElement(By.id("dispatch-reason")).sendKeys("井盖属住建 the cover is housing's");
            browser.findElement(By.id("dispatch-submit")).click();
            waitLong(browser)
                    .until(
                            b ->
                                    "ZJJ"
                                            .equals(
                                                    b.findElement(By.id("routing"))
                                                            .getAttribute("data-department")));
            as(DISPATCHER)
                    .baseUri(dispatch.baseUrl())
                    .when()
                    .get("/api/v1/routing-decisions/" + caseId)
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("ZJJ"))
                    .body("overriddenBy", equalTo(DISPATCHER));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .baseUri(cases.baseUrl())
                                            .when()
                                            .get("/api/v1/cases/" + caseId)
                                            .then()
                                            .body("routing.departmentCode", equalTo("ZJJ")));

            browser.manage().window().setSize(new Dimension(390, 844));
            screenshot(browser, "console-journey-390.png");
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
}
