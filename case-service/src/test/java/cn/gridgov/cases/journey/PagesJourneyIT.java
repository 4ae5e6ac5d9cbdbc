package cn.gridgov.cases.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * Story 1 walked through the three pages in Debian's headless Chromium, with the three services
 * running from their packaged jars: one case through all eight steps, each step taken by the person
 * whose post it is, signed in on the identity provider's form. The grid worker reports a missing
 * manhole cover on the phone with no signal, and it goes out when the signal returns (1 collect, 2
 * verified already: a grid worker's own report); the duty chief accepts it as urgent in the
 * console, and the rules dispatch it to the enforcement bureau (3 accept, 4 route); the bureau
 * accepts it in the workbench, the supervisor approves its request for more time in the console and
 * the dispatcher blows a hard-case whistle there, which the bureau answers by reporting for duty (5
 * track and supervise); the bureau submits its result with a photo (6); the grid worker checks it
 * on site from my tasks and it closes (7); the grid worker, its reporter, rates it (8). The case's
 * status is read through the API after every step and its timeline at the end. Screenshots of every
 * page at a phone's (390 px) and a desk's (1440 px) width are kept in target/screenshots.
 */
class PagesJourneyIT {

    private static final int GRID_PORT = 28081;
    private static final int CASE_PORT = 28082;
    private static final int DISPATCH_PORT = 28083;

    private static final String WORKER = "G07-2";
    private static final String DUTY_CHIEF = "CC-DUTY_CHIEF-1";
    private static final String DISPATCHER = "CC-DISPATCHER-1";
    private static final String SUPERVISOR = "CC-SUPERVISOR-1";
    private static final String BUREAU = "ZHZF-1";

    /** The centre of G07 in the demo town. */
    private static final double LON = 119.165;

    private static final double LAT = 35.004;
    private static final byte[] PNG =
            Base64.getDecoder()
                    .decode(
                            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESK = new Dimension(1440, 1000);

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
                                "gridgov.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                                "quarkus.rest-client.grid-service.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:"
                                        + GRID_PORT,
                                "quarkus.rest-client.case-service.url=http://127.0.0.1:"
                                        + CASE_PORT,
                                // The console and the workbench read and command cases at this
                                // case-service, whose test profile allows their origin.
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

    /** What the pages did, both services agree on: the reconciliation lists no new difference. */
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
            "a missing manhole cover goes through the eight steps across the phone, the console and the workbench, each step by the person whose post it is, signed in as them")
    void eightStepsAcrossThePages() throws Exception {
        var words = "井盖缺失 journey " + UUID.randomUUID().toString().substring(0, 8);
        // The grid worker's phone stays in her pocket all day: her reports are kept on it.
        var phone = HeadlessChromium.open("journey-phone");
        try {
            // 1 采集上报: written in a basement with no signal, sent when the signal returns.
            phone.manage().window().setSize(PHONE);
            phone.get(cases.baseUrl() + "/phone/");
            SignInPage.signIn(phone, WORKER);
            waitLong(phone)
                    .until(
                            b ->
                                    !new Select(b.findElement(By.id("category")))
                                            .getOptions()
                                            .isEmpty());
            new Select(phone.findElement(By.id("category"))).selectByValue("0101");
            phone.findElement(By.id("description")).sendKeys(words);
            phone.findElement(By.id("longitude")).clear();
            phone.findElement(By.id("longitude")).sendKeys(String.valueOf(LON));
            phone.findElement(By.id("latitude")).clear();
            phone.findElement(By.id("latitude")).sendKeys(String.valueOf(LAT));
            phone.executeCdpCommand("Network.enable", Map.of());
            signal(phone, false);
            // Scrolled to the middle of the screen first, as a thumb would.
            phone.executeScript(
                    "arguments[0].scrollIntoView({block: 'center'})",
                    phone.findElement(By.id("submit")));
            click(phone, By.id("submit"));
            click(phone, By.id("tab-mine"));
            var waiting = By.cssSelector("#reports li[data-state='waiting']");
            var reportId =
                    waitLong(phone)
                            .until(b -> b.findElement(waiting))
                            .getAttribute("data-report-id");
            as(WORKER)
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/by-report/" + reportId)
                    .then()
                    .statusCode(404);
            screenshot(phone, "journey-phone-offline-390.png");
            signal(phone, true);
            phone.executeScript("window.dispatchEvent(new Event('online'));");
            var sent =
                    By.cssSelector(
                            "#reports li[data-report-id='" + reportId + "'][data-state='sent']");
            var number =
                    waitLong(phone)
                            .until(b -> b.findElement(sent))
                            .findElement(By.className("number"))
                            .getText();
            String caseId =
                    as(WORKER)
                            .baseUri(cases.baseUrl())
                            .when()
                            .get("/api/v1/cases/by-report/" + reportId)
                            .then()
                            .statusCode(200)
                            .body("number", equalTo(number))
                            .extract()
                            .path("id");
            // 2 信息核实: a grid worker's own report from the spot needs no verify.
            assertStatus(caseId, "VERIFIED");

            // 3 确认受理 and 4 分流交办: the duty chief accepts it as urgent; the rules send it to
            // the enforcement bureau.
            onThePage(
                    "console",
                    DUTY_CHIEF,
                    DESK,
                    console -> {
                        openFromSearch(console, words, caseId, "VERIFIED");
                        waitFor(console)
                                .until(b -> b.findElement(By.id("accept-form")).isDisplayed());
                        new Select(console.findElement(By.id("accept-urgency")))
                                .selectByValue("URGENT");
                        console.findElement(By.id("accept-submit")).click();
                        assertThat(textOf(console, By.id("action-done"))).contains(number);
                        waitLong(console)
                                .until(
                                        b ->
                                                "ZHZF"
                                                        .equals(
                                                                b.findElement(By.id("routing"))
                                                                        .getAttribute(
                                                                                "data-department")));
                    });
            awaitStatus(caseId, "DISPATCHED");
            as(DUTY_CHIEF)
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId)
                    .then()
                    .body("urgency", equalTo("URGENT"))
                    .body("routing.departmentCode", equalTo("ZHZF"));

            // 5 跟踪督办: the bureau takes it in the workbench.
            onThePage(
                    "workbench",
                    BUREAU,
                    DESK,
                    workbench -> {
                        click(
                                workbench,
                                By.cssSelector(
                                        "#awaiting li[data-case-id='"
                                                + caseId
                                                + "'] button.accept"));
                        textOf(
                                workbench,
                                By.cssSelector("#lead li[data-case-id='" + caseId + "']"));
                        assertThat(textOf(workbench, By.id("notice"))).contains(number);
                    });
            awaitStatus(caseId, "HANDLING");

            // The bureau asks for more time (the workbench has no form for it: through the API);
            // the supervisor approves it in the console, and the deadline moves.
            String dueBefore =
                    as(BUREAU)
                            .baseUri(cases.baseUrl())
                            .when()
                            .get("/api/v1/cases/" + caseId)
                            .then()
                            .extract()
                            .path("clock.dueAt");
            String requestId =
                    as(BUREAU)
                            .baseUri(cases.baseUrl())
                            .contentType(ContentType.JSON)
                            .body("{\"hours\":4,\"note\":\"井盖规格需定制 the cover is made to measure\"}")
                            .when()
                            .post("/api/v1/cases/" + caseId + "/extension-requests")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("id");
            onThePage(
                    "console",
                    SUPERVISOR,
                    DESK,
                    console -> {
                        var request =
                                By.cssSelector(
                                        "#approvals li[data-request-id='" + requestId + "']");
                        assertThat(textOf(console, request))
                                .contains(number)
                                .contains("4")
                                .contains("井盖规格需定制")
                                .contains(BUREAU);
                        screenshot(console, "journey-console-approvals-1440.png");
                        console.findElement(By.id("approval-note-" + requestId)).sendKeys("同意");
                        click(
                                console,
                                By.cssSelector(
                                        "#approvals li[data-request-id='"
                                                + requestId
                                                + "'] button.approve"));
                        assertThat(textOf(console, By.id("action-done"))).contains(number);
                        waitLong(console).until(b -> b.findElements(request).isEmpty());
                    });
            String dueAfter =
                    as(SUPERVISOR)
                            .baseUri(cases.baseUrl())
                            .when()
                            .get("/api/v1/cases/" + caseId)
                            .then()
                            .body("status", equalTo("HANDLING"))
                            .extract()
                            .path("clock.dueAt");
            assertThat(Instant.parse(dueAfter)).isAfter(Instant.parse(dueBefore));

            // A hard-case whistle, blown by the dispatcher in the console, summons the bureau.
            var whistleId = new String[1];
            onThePage(
                    "console",
                    DISPATCHER,
                    DESK,
                    console -> {
                        openFromSearch(console, words, caseId, "HANDLING");
                        waitFor(console)
                                .until(b -> b.findElement(By.id("whistle-form")).isDisplayed());
                        new Select(console.findElement(By.id("whistle-kind")))
                                .selectByValue("HARD_CASE");
                        waitFor(console)
                                .until(
                                        b ->
                                                !b.findElements(
                                                                By.cssSelector(
                                                                        "#whistle-departments option[value='ZHZF']"))
                                                        .isEmpty());
                        new Select(console.findElement(By.id("whistle-departments")))
                                .selectByValue("ZHZF");
                        console.findElement(By.id("whistle-submit")).click();
                        assertThat(textOf(console, By.id("action-done"))).contains(number);
                        var onTheBoard =
                                By.cssSelector("#whistles li[data-case-id='" + caseId + "']");
                        textOf(console, onTheBoard);
                        whistleId[0] =
                                console.findElement(onTheBoard).getAttribute("data-whistle-id");
                        console.executeScript("window.scrollTo(0, 0)");
                        screenshot(console, "journey-console-1440.png");
                        console.manage().window().setSize(PHONE);
                        screenshot(console, "journey-console-390.png");
                        // The center's big screen, in the same session.
                        console.manage().window().setSize(DESK);
                        console.get(dispatch.baseUrl() + "/console/wall.html");
                        waitLong(console)
                                .until(
                                        b ->
                                                !b.findElements(
                                                                By.cssSelector(
                                                                        "#map path.level-grid"))
                                                        .isEmpty());
                        screenshot(console, "journey-wall-1440.png");
                        console.manage().window().setSize(PHONE);
                        screenshot(console, "journey-wall-390.png");
                    });
            as(DISPATCHER)
                    .baseUri(dispatch.baseUrl())
                    .when()
                    .get("/api/v1/whistles/" + whistleId[0])
                    .then()
                    .statusCode(200)
                    .body("kind", equalTo("HARD_CASE"))
                    .body(
                            "departments.find { it.departmentCode == 'ZHZF' }.arrived",
                            equalTo(false));

            // The bureau reports for duty from beside the case, then 6 结果反馈: its result with a
            // photo.
            onThePage(
                    "workbench",
                    BUREAU,
                    DESK,
                    workbench -> {
                        var whistle =
                                By.cssSelector(
                                        "#whistles li[data-whistle-id='" + whistleId[0] + "']");
                        click(
                                workbench,
                                By.cssSelector(
                                        "#whistles li[data-whistle-id='"
                                                + whistleId[0]
                                                + "'] button.report"));
                        waitFor(workbench)
                                .until(
                                        b ->
                                                !b.findElement(By.id("duty-longitude"))
                                                        .getAttribute("value")
                                                        .isEmpty());
                        workbench.findElement(By.id("duty-submit")).click();
                        waitLong(workbench).until(b -> b.findElements(whistle).isEmpty());

                        click(
                                workbench,
                                By.cssSelector(
                                        "#lead li[data-case-id='" + caseId + "'] button.details"));
                        waitFor(workbench)
                                .until(b -> b.findElement(By.id("result-form")).isDisplayed());
                        var photo =
                                Files.write(
                                        Files.createDirectories(Path.of("target", "journey"))
                                                .resolve("cover-replaced.png"),
                                        PNG);
                        workbench
                                .findElement(By.id("result-note"))
                                .sendKeys("井盖已更换 cover replaced");
                        workbench
                                .findElement(By.id("result-photos"))
                                .sendKeys(photo.toAbsolutePath().toString());
                        workbench.findElement(By.id("result-submit")).click();
                        waitLong(workbench)
                                .until(
                                        b ->
                                                b.findElement(By.id("notice"))
                                                                .getText()
                                                                .contains(number)
                                                        && !b.findElement(By.id("result-form"))
                                                                .isDisplayed());
                        screenshot(workbench, "journey-workbench-1440.png");
                        workbench.manage().window().setSize(PHONE);
                        screenshot(workbench, "journey-workbench-390.png");
                    });
            as(BUREAU)
                    .baseUri(dispatch.baseUrl())
                    .when()
                    .get("/api/v1/whistles/" + whistleId[0])
                    .then()
                    .body("departments.find { it.departmentCode == 'ZHZF' }.arrived", equalTo(true))
                    .body(
                            "departments.find { it.departmentCode == 'ZHZF' }.arrivedStaffId",
                            equalTo(BUREAU));
            assertStatus(caseId, "RESULT_SUBMITTED");

            // 7 核查结案: the grid worker checks it on site from my tasks; it passes and closes.
            click(phone, By.id("tab-tasks"));
            var check =
                    By.cssSelector(
                            "#check-tasks li[data-number='" + number + "'] button.check-pass");
            waitLong(phone).until(b -> b.findElement(check));
            screenshot(phone, "journey-phone-tasks-390.png");
            click(phone, check);
            // Kept on the phone first, then sent: the notice names the case once it was applied.
            waitLong(phone).until(b -> b.findElement(By.id("notice")).getText().contains(number));
            waitLong(phone)
                    .until(
                            b ->
                                    b.findElements(
                                                    By.cssSelector(
                                                            "#check-tasks li[data-number='"
                                                                    + number
                                                                    + "']"))
                                            .isEmpty());
            awaitStatus(caseId, "CLOSED");

            // 8 考核评价: she reported it, so she rates it, from her reports.
            click(phone, By.id("tab-mine"));
            var five =
                    By.cssSelector(
                            "#reports li[data-report-id='"
                                    + reportId
                                    + "'] button.rate[data-satisfaction='5']");
            click(phone, five);
            waitLong(phone)
                    .until(
                            b ->
                                    b.findElement(By.id("notice")).getText().contains(number)
                                            && b.findElements(five).isEmpty());
            awaitStatus(caseId, "EVALUATED");
            screenshot(phone, "journey-phone-390.png");
            phone.manage().window().setSize(DESK);
            screenshot(phone, "journey-phone-1440.png");

            // The timeline: every step, by whom it was taken.
            as(DUTY_CHIEF)
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId)
                    .then()
                    .body("satisfaction", equalTo(5))
                    .body("record.reworkCount", equalTo(0));
            as(DUTY_CHIEF)
                    .baseUri(cases.baseUrl())
                    .when()
                    .get("/api/v1/cases/" + caseId + "/timeline")
                    .then()
                    .statusCode(200)
                    .body("[0].staffId", equalTo(WORKER))
                    .body("find { it.toStatus == 'ACCEPTED' }.staffId", equalTo(DUTY_CHIEF))
                    .body("find { it.toStatus == 'DISPATCHED' }", notNullValue())
                    .body("find { it.action == 'DEPARTMENT_ACCEPTED' }.staffId", equalTo(BUREAU))
                    .body("find { it.staffId == '" + SUPERVISOR + "' }.note", containsString("同意"))
                    .body("find { it.toStatus == 'RESULT_SUBMITTED' }.staffId", equalTo(BUREAU))
                    .body("find { it.toStatus == 'RESULT_SUBMITTED' }.photoIds", hasSize(1))
                    .body("find { it.toStatus == 'CLOSED' }.staffId", equalTo(WORKER))
                    .body("find { it.toStatus == 'EVALUATED' }.staffId", equalTo(WORKER))
                    .body("find { it.toStatus == 'REWORK' }", nullValue());
            // The whistle ends with the case.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .baseUri(dispatch.baseUrl())
                                            .when()
                                            .get("/api/v1/whistles/" + whistleId[0])
                                            .then()
                                            .body("closedAt", notNullValue()));
        } finally {
            phone.quit();
        }
    }

    /** A step on a page of dispatch-service, in a browser of its own, by this person. */
    private void onThePage(String page, String staffId, Dimension size, Step step)
            throws Exception {
        var browser = HeadlessChromium.open("journey-" + page);
        try {
            if (page.equals("workbench")) {
                // The device stands by the case (the page asks navigator.geolocation).
                browser.executeCdpCommand(
                        "Browser.grantPermissions",
                        Map.of(
                                "origin",
                                dispatch.baseUrl(),
                                "permissions",
                                List.of("geolocation")));
                browser.executeCdpCommand(
                        "Emulation.setGeolocationOverride",
                        Map.of(
                                "latitude",
                                LAT + 0.0003,
                                "longitude",
                                LON + 0.0002,
                                "accuracy",
                                15));
            }
            browser.manage().window().setSize(size);
            browser.get(dispatch.baseUrl() + "/" + page + "/");
            SignInPage.signIn(browser, staffId);
            waitLong(browser).until(b -> b.findElement(By.id("me")).getText().contains(staffId));
            step.take(browser);
        } finally {
            browser.quit();
        }
    }

    @FunctionalInterface
    private interface Step {
        void take(ChromeDriver browser) throws Exception;
    }

    /** The console's case search finds the case by its words; its number opens the detail. */
    private static void openFromSearch(
            ChromeDriver console, String words, String caseId, String status) {
        console.findElement(By.id("search-q")).sendKeys(words);
        console.findElement(By.id("search-submit")).click();
        click(console, By.cssSelector("#search-rows tr[data-case-id='" + caseId + "'] button"));
        waitLong(console)
                .until(
                        b ->
                                status.equals(
                                        b.findElement(By.id("detail-panel"))
                                                .getAttribute("data-status")));
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        var dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Cuts or restores the phone's network, as DevTools' offline switch does. */
    private static void signal(ChromeDriver browser, boolean on) {
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of(
                        "offline",
                        !on,
                        "latency",
                        0,
                        "downloadThroughput",
                        -1,
                        "uploadThroughput",
                        -1));
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
        waitLong(browser)
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

    private static void assertStatus(String caseId, String status) {
        as(DUTY_CHIEF)
                .baseUri(cases.baseUrl())
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("status", equalTo(status));
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertStatus(caseId, status));
    }
}
