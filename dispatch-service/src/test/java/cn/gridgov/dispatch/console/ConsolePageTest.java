package cn.gridgov.dispatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.ForecastTest;
import cn.gridgov.dispatch.MovableClock;
import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * The command center's console and its wall view in a real headless Chromium (Debian's chromium and
 * chromedriver, installed by the test command), against the real service, PostgreSQL, Kafka and
 * Keycloak, with no map tiles anywhere (the tests run offline, as a console may): the grids and the
 * cases must draw all the same. case-service is not started by this module's tests, so the parts of
 * a case's detail it answers say they could not be loaded while dispatch-service's parts show.
 * Screenshots at desk and phone width are kept in target/screenshots.
 */
@QuarkusTest
class ConsolePageTest {

    private static final String DISPATCHER = "CC-DISPATCHER-1";

    @TestHTTPResource("/console/")
    URL page;

    @TestHTTPResource("/console/wall.html")
    URL wall;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "gridgov.grid-map.keep-for")
    Duration keepFor;

    @Inject MovableClock clock;

    private ChromeDriver browser;

    @BeforeEach
    void openTheConsole() throws Exception {
        browser = HeadlessChromium.open("console");
        browser.manage().window().setSize(new Dimension(1440, 1000));
        // Whatever copy of the grids an earlier test left has expired: each test decides whether
        // grid-service answers.
        clock.advance(keepFor.plusSeconds(1));
    }

    @AfterEach
    void closeTheConsole() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName(
            "with grid-service down the map says its grids could not be loaded, a case the rules leave to the center is still on the map and in the queue, its detail shows the routing decision with its reason, it is refused without a reason, dispatched by hand, leaves the queue while its new route arrives live, and a whistle blown on it reaches the board")
    void dispatchByHandWithGridServiceDown() throws Exception {
        var now = clock.instant();
        var odd =
                Snapshot.of("9907", "G07")
                        .timers(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
        try (var cases = new CaseEvents(bootstrap)) {
            try {
                cases.publish(CaseTypes.ACCEPTED, odd);
                awaitQueued(odd);
                String reason =
                        given().auth()
                                .oauth2(Tokens.of(DISPATCHER))
                                .get("/api/v1/routing-decisions/" + odd.id())
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("reason");

                browser.get(page.toString());
                SignInPage.signIn(browser, DISPATCHER);
                assertThat(textOf(queued(odd), waitLong()))
                        .contains(odd.number())
                        .contains("9907")
                        .contains("G07")
                        .contains("规则未定");
                assertThat(attributeOf(queued(odd), "data-clock")).isEqualTo("YELLOW");
                assertThat(textOf(By.cssSelector("#map-status[data-failed='true']"), waitFor()))
                        .contains("网格未能加载");
                waitFor().until(b -> !b.findElements(onTheMap(odd)).isEmpty());
                assertThat(browser.findElement(By.id("map")).getAttribute("data-tiles"))
                        .isEqualTo("none");
                assertThat(browser.findElements(By.cssSelector("#map img.leaflet-tile")))
                        .as("no tile asked for")
                        .isEmpty();
                waitFor().until(b -> b.findElement(By.cssSelector("#live[data-state='live']")));
                assertThat(browser.findElement(By.id("me")).getText())
                        .as("who is signed in")
                        .contains(DISPATCHER);

                click(queued(odd));
                assertThat(attributeOf(marker(odd), "class")).contains("selected");
                assertThat(attributeOf(marker(odd), "data-clock")).isEqualTo("YELLOW");
                assertThat(attributeOf(queued(odd), "class")).contains("selected");
                assertThat(textOf(By.id("routing"), waitFor())).contains(reason).contains("MANUAL");
                assertThat(attributeOf(By.id("routing"), "data-mode")).isEqualTo("MANUAL");
                assertThat(textOf(By.id("detail-error"), waitFor()))
                        .as("case-service is not running here")
                        .contains("无法加载");
                waitFor().until(b -> b.findElement(By.id("dispatch-form")).isDisplayed());
                waitFor()
                        .until(
                                b ->
                                        !new Select(b.findElement(By.id("dispatch-department")))
                                                .getOptions()
                                                .isEmpty());

                // Refused without a reason: the page shows the API's message and the case stays in
                // the queue.
                new Select(browser.findElement(By.id("dispatch-department"))).selectByValue("ZHZF");
                browser.findElement(By.id("dispatch-submit")).click();
                assertThat(textOf(By.id("dispatch-error"), waitFor())).contains("reason");
                assertThat(browser.findElements(queued(odd))).hasSize(1);

                new Select(browser.findElement(By.id("dispatch-co-handlers"))).selectByValue("PCS");
                browser.findElement(By.id("dispatch-reason"))
                        .sendKeys("占道 needs enforcement with the police");
                browser.findElement(By.id("dispatch-submit")).click();

                assertThat(textOf(By.id("action-done"), waitFor()))
                        .contains(odd.number())
                        .contains("区综合执法局");
                waitLong().until(b -> b.findElements(queued(odd)).isEmpty());
                given().auth()
                        .oauth2(Tokens.of(DISPATCHER))
                        .get("/api/v1/routing-decisions/" + odd.id())
                        .then()
                        .statusCode(200)
                        .body("departmentCode", equalTo("ZHZF"))
                        .body("coHandlers[0]", equalTo("PCS"))
                        .body("overriddenBy", equalTo(DISPATCHER));
                var routed =
                        By.cssSelector(
                                "#feed li[data-type='dispatch.routed'][data-case-id='"
                                        + odd.id()
                                        + "']");
                assertThat(textOf(routed, waitLong())).contains(odd.number()).contains("区综合执法局");
                waitFor()
                        .until(
                                b ->
                                        "ZHZF"
                                                .equals(
                                                        b.findElement(By.id("routing"))
                                                                .getAttribute("data-department")));

                // A whistle from the case's detail: the board shows it.
                waitFor().until(b -> b.findElement(By.id("whistle-form")).isDisplayed());
                new Select(browser.findElement(By.id("whistle-kind"))).selectByValue("HARD_CASE");
                new Select(browser.findElement(By.id("whistle-departments"))).selectByValue("ZHZF");
                browser.findElement(By.id("whistle-submit")).click();
                assertThat(
                                textOf(
                                        By.cssSelector(
                                                "#whistles li[data-case-id='" + odd.id() + "']"),
                                        waitLong()))
                        .contains(odd.number())
                        .contains("攻坚吹哨")
                        .contains("ZHZF");
                screenshot("console-1440.png");
            } finally {
                // Its step would otherwise turn red in every later run's overdue list, pass or
                // fail; its whistle closes with it.
                cases.publish(CaseTypes.REJECTED, odd.status("REJECTED", null));
            }
        }
    }

    @Test
    @DisplayName(
            "with grid-service up and no tiles the map draws the named grids coloured by their open cases, a case's marker inside its grid, cases close together as one cluster, the heat, the dedicated grids and the enforcement zones when switched on; in English and at a phone's width nothing is wider than the screen")
    void mapDrawsGridsCasesClustersAndLayers() throws Exception {
        // Apart from the other tests' cases (at G07's centre), so no other marker lies over its
        // own.
        var odd = Snapshot.of("9908", "G07").at(119.162, 35.006);
        var pair =
                List.of(
                        Snapshot.of("9909", "G08").at(119.1765, 35.0015),
                        Snapshot.of("9909", "G08").at(119.1766, 35.0016));
        try (var grid = new FakeGridService();
                var cases = new CaseEvents(bootstrap)) {
            try {
                for (var s : List.of(odd, pair.get(0), pair.get(1))) {
                    cases.publish(CaseTypes.ACCEPTED, s);
                }
                for (var s : List.of(odd, pair.get(0), pair.get(1))) {
                    awaitQueued(s);
                }

                browser.get(page.toString());
                SignInPage.signIn(browser, DISPATCHER);
                var g07 = By.cssSelector("#map path[data-code='G07']");
                assertThat(attributeOf(g07, "class", waitLong()))
                        .contains("level-grid")
                        .contains("kind-comprehensive");
                assertThat(browser.findElement(By.id("map-status")).getText()).isEmpty();
                assertThat(browser.findElements(By.cssSelector("#map img.leaflet-tile")))
                        .as("no tile asked for")
                        .isEmpty();
                var labels =
                        browser.findElements(By.cssSelector("#map .grid-label")).stream()
                                .map(e -> e.getText())
                                .toList();
                assertThat(labels)
                        .anyMatch(l -> l.startsWith("G07"))
                        .anyMatch(l -> l.startsWith("G08"));
                waitFor()
                        .until(
                                b ->
                                        Integer.parseInt(
                                                        b.findElement(g07)
                                                                .getAttribute("data-open"))
                                                >= 1);

                // The pair lies a few metres apart: at the district's zoom it is one cluster.
                var cluster =
                        By.cssSelector(
                                ".case-cluster[data-case-ids~='"
                                        + pair.get(0).id()
                                        + "'][data-case-ids~='"
                                        + pair.get(1).id()
                                        + "']");
                assertThat(Integer.parseInt(attributeOf(cluster, "data-count")))
                        .isGreaterThanOrEqualTo(2);

                // The dedicated grids, the zones and the heat are layers switched on by hand.
                var market = By.cssSelector("#map path[data-code='DG-MARKET']");
                assertThat(browser.findElements(market)).isEmpty();
                browser.findElement(By.id("layer-dedicated")).click();
                assertThat(attributeOf(market, "class")).contains("kind-dedicated");
                List<Map<String, Object>> zones =
                        given().auth()
                                .oauth2(Tokens.of(DISPATCHER))
                                .get("/api/v1/enforcement-zones")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("findAll { it.areaCodes.contains('G07') }");
                assertThat(zones).isNotEmpty();
                browser.findElement(By.id("layer-zones")).click();
                waitFor()
                        .until(
                                b ->
                                        !b.findElements(
                                                        By.cssSelector(
                                                                "#map path[data-zone='"
                                                                        + zones.get(0).get("code")
                                                                        + "'][data-code='G07']"))
                                                .isEmpty());
                browser.findElement(By.id("layer-heat")).click();
                waitFor()
                        .until(
                                b ->
                                        Integer.parseInt(
                                                        b.findElement(By.id("heat-canvas"))
                                                                .getAttribute("data-points"))
                                                >= 3);
                waitFor()
                        .until(
                                b ->
                                        Integer.parseInt(
                                                        b.findElement(By.id("chart-clocks"))
                                                                .getAttribute("data-total"))
                                                >= 3);
                screenshot("console-map-1440.png");

                click(queued(odd));
                assertThat(attributeOf(marker(odd), "data-clock")).isEqualTo("NONE");
                assertThat(markerInside(odd, "G07"))
                        .as("the marker of a case at (119.162, 35.006) lies inside G07")
                        .isTrue();
                assertThat(markerInside(odd, "G08")).isFalse();

                browser.findElement(By.id("language")).click();
                assertThat(browser.findElement(By.tagName("h1")).getText())
                        .isEqualTo("Command center");
                assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                        .isEqualTo("en");
                assertThat(textOf(queued(odd), waitFor())).contains("no rule decided");
                browser.manage().window().setSize(new Dimension(390, 844));
                fitsThePhone();
                screenshot("console-390.png");
            } finally {
                // The cases leave the queue, pass or fail, so the test database's queue does not
                // grow with every run.
                for (var s : List.of(odd, pair.get(0), pair.get(1))) {
                    cases.publish(CaseTypes.REJECTED, s.status("REJECTED", null));
                }
            }
        }
    }

    @Test
    @DisplayName(
            "the wall view shows the dispatcher today's counts of open and waiting cases, the map with its grids and heat, and the indicators, in large type; case-service's counts say they could not be loaded when it is down")
    void wallViewShowsTodaysCounts() throws Exception {
        var odd = Snapshot.of("9910", "G07").at(119.167, 35.002);
        try (var grid = new FakeGridService();
                var cases = new CaseEvents(bootstrap)) {
            try {
                cases.publish(CaseTypes.ACCEPTED, odd);
                awaitQueued(odd);
                int open =
                        given().auth()
                                .oauth2(Tokens.of(DISPATCHER))
                                .get("/api/v1/open-cases")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("cases.size()");
                int queue =
                        given().auth()
                                .oauth2(Tokens.of(DISPATCHER))
                                .get("/api/v1/dispatch-queue")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("size()");

                browser.get(wall.toString());
                SignInPage.signIn(browser, DISPATCHER);
                waitLong()
                        .until(
                                b ->
                                        !b.findElements(
                                                        By.cssSelector(
                                                                "#map path[data-code='G07']"))
                                                .isEmpty());
                waitFor().until(b -> b.findElement(By.id("count-open")).getText().matches("\\d+"));
                assertThat(Integer.parseInt(browser.findElement(By.id("count-open")).getText()))
                        .isEqualTo(open);
                assertThat(Integer.parseInt(browser.findElement(By.id("count-queued")).getText()))
                        .isEqualTo(queue);
                assertThat(browser.findElement(By.id("count-whistles")).getText()).matches("\\d+");
                assertThat(textOf(By.id("counts-error"), waitFor()))
                        .as("case-service is not running here")
                        .contains("无法加载");
                waitFor()
                        .until(
                                b ->
                                        Integer.parseInt(
                                                        b.findElement(By.id("heat-canvas"))
                                                                .getAttribute("data-points"))
                                                >= 1);
                assertThat(browser.findElement(By.id("me")).getText()).contains(DISPATCHER);
                var valueSize =
                        (String)
                                browser.executeScript(
                                        "return getComputedStyle(document.querySelector('#count-open')).fontSize");
                assertThat(Double.parseDouble(valueSize.replace("px", "")))
                        .as("readable across a room")
                        .isGreaterThanOrEqualTo(40);
                screenshot("wall-1440.png");
                browser.manage().window().setSize(new Dimension(390, 844));
                fitsThePhone();
                screenshot("wall-390.png");
            } finally {
                cases.publish(CaseTypes.REJECTED, odd.status("REJECTED", null));
            }
        }
    }

    @Test
    @DisplayName(
            "the console lists the cases at risk of missing their deadline with the predicted finish and the deadline, the wall counts them, and the hotspot alerts say they could not be loaded while case-service is down")
    void atRiskCasesAndHotspots() throws Exception {
        var now = clock.instant();
        String late;
        try (var cases = new CaseEvents(bootstrap)) {
            for (int i = 0; i < 6; i++) {
                ForecastTest.handledInPast(
                        cases,
                        "0601",
                        "STHJ",
                        now.minus(Duration.ofDays(30)).plus(Duration.ofHours(i)),
                        15);
            }
            late = ForecastTest.handling(cases, "0601", "STHJ", now);
        }
        var atRisk = By.cssSelector("#at-risk li[data-case-id='" + late + "']");
        await().atMost(Duration.ofSeconds(30)).until(() -> atRiskIds().contains(late));
        var forecast =
                given().auth()
                        .oauth2(Tokens.of(DISPATCHER))
                        .get("/api/v1/cases/" + late + "/finish-forecast")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        try (var grid = new FakeGridService()) {
            browser.get(page.toString());
            SignInPage.signIn(browser, DISPATCHER);
            assertThat(textOf(atRisk, waitLong()))
                    .contains(forecast.getString("number"))
                    .contains("0601")
                    .contains("HANDLE")
                    .contains("预计完成")
                    .contains("期限")
                    .contains("STHJ");
            assertThat(attributeOf(atRisk, "data-predicted-finish-at"))
                    .isEqualTo(forecast.getString("predictedFinishAt"));
            assertThat(attributeOf(atRisk, "data-due-at"))
                    .isEqualTo(forecast.getString("stepDueAt"));
            var shown =
                    browser.findElements(By.cssSelector("#at-risk li[data-case-id]")).stream()
                            .map(li -> li.getAttribute("data-case-id"))
                            .toList();
            assertThat(shown).containsExactlyElementsOf(atRiskIds());
            assertThat(browser.findElement(By.id("at-risk-count")).getText())
                    .isEqualTo("(" + shown.size() + ")");
            assertThat(textOf(By.id("hotspots-error"), waitFor()))
                    .as("case-service is not running here")
                    .contains("无法加载");
            click(atRisk);
            waitFor()
                    .until(
                            b ->
                                    late.equals(
                                            b.findElement(By.id("detail-panel"))
                                                    .getAttribute("data-case-id")));
            screenshot("console-at-risk-1440.png");

            browser.get(wall.toString());
            waitFor().until(b -> b.findElement(By.id("count-at-risk")).getText().matches("\\d+"));
            assertThat(Integer.parseInt(browser.findElement(By.id("count-at-risk")).getText()))
                    .isEqualTo(atRiskIds().size());
        }
    }

    /** The cases dispatch-service says are at risk, in its order. */
    private static List<String> atRiskIds() {
        return given().auth()
                .oauth2(Tokens.of(DISPATCHER))
                .get("/api/v1/at-risk-cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("caseId");
    }

    /** Nothing is wider than a phone's screen; the message names what is. */
    private void fitsThePhone() {
        waitFor()
                .withMessage(
                        () ->
                                "wider than 390 px: "
                                        + browser.executeScript(
                                                """
                        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                        const wide = [];
                        for (let node = walker.nextNode(); node && wide.length < 5; node = walker.nextNode()) {
                            const range = document.createRange();
                            range.selectNodeContents(node);
                            if (range.getBoundingClientRect().right > 391 && !node.parentElement.closest('.leaflet-container, .table-scroll'))
                                wide.push(node.parentElement.tagName + '#' + node.parentElement.id + ': ' + node.textContent.slice(0, 60));
                        }
                        return document.documentElement.scrollWidth + ' ' + wide;"""))
                .until(
                        b ->
                                (Long)
                                                browser.executeScript(
                                                        "return document.documentElement.scrollWidth")
                                        <= 390L);
    }

    private static void awaitQueued(Snapshot s) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                given().auth()
                                        .oauth2(Tokens.of(DISPATCHER))
                                        .get("/api/v1/dispatch-queue")
                                        .then()
                                        .body(
                                                "find { it.caseId == '" + s.id() + "' }.mode",
                                                equalTo("MANUAL")));
    }

    /** Whether the centre of the case's marker lies inside the screen box of the area's outline. */
    private boolean markerInside(Snapshot s, String areaCode) {
        return (Boolean)
                browser.executeScript(
                        """
                const m = document.querySelector(arguments[0]).getBoundingClientRect();
                const b = document.querySelector(arguments[1]).getBoundingClientRect();
                const x = m.left + m.width / 2, y = m.top + m.height / 2;
                return x > b.left && x < b.right && y > b.top && y < b.bottom;""",
                        "#map path.case-marker[data-case-id='" + s.id() + "']",
                        "#map path[data-code='" + areaCode + "']");
    }

    private void screenshot(String name) throws Exception {
        var dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    // The lists and the markers are drawn anew whenever the live stream says something changed, so
    // an element found a moment ago may be gone: these look it up again until they get an answer.

    private String textOf(By what, WebDriverWait wait) {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(
                        b -> {
                            var text = b.findElement(what).getText();
                            return text.isEmpty() ? null : text;
                        });
    }

    private String attributeOf(By what, String attribute) {
        return attributeOf(what, attribute, waitFor());
    }

    private String attributeOf(By what, String attribute, WebDriverWait wait) {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(b -> b.findElement(what).getAttribute(attribute));
    }

    private void click(By what) {
        waitFor()
                .ignoring(StaleElementReferenceException.class)
                .until(
                        b -> {
                            b.findElement(what).click();
                            return true;
                        });
    }

    private static By queued(Snapshot s) {
        return By.cssSelector("#queue li[data-case-id='" + s.id() + "']");
    }

    private static By marker(Snapshot s) {
        return By.cssSelector("#map path.case-marker[data-case-id='" + s.id() + "']");
    }

    /** The case's own marker, or a cluster it is counted in. */
    private static By onTheMap(Snapshot s) {
        return By.cssSelector(
                "#map path.case-marker[data-case-id='"
                        + s.id()
                        + "'], #map .case-cluster[data-case-ids~='"
                        + s.id()
                        + "']");
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private WebDriverWait waitLong() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }
}
