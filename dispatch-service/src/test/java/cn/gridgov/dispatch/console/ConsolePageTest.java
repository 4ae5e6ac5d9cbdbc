package cn.gridgov.dispatch.console;

import cn.gridgov.contracts.CaseTypes;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.dispatch.CaseEvents;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.MovableClock;
import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The command center's console in a real headless Chromium (Debian's chromium and chromedriver,
 * installed by the test command), against the real service, PostgreSQL and Kafka: a case the rules
 * leave to the center is seen in the queue and on the map, dispatched by hand through the page, and
 * leaves the queue while its new route arrives on the live feed.
 */
@QuarkusTest
class ConsolePageTest {

    private static final String DISPATCHER = "CC-DISPATCHER-1";

    @TestHTTPResource("/console/")
    URL page;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "gridgov.grid-map.keep-for")
    Duration keepFor;

    @Inject
    MovableClock clock;

    private ChromeDriver browser;

    @BeforeEach
    void openTheConsole() throws Exception {
        browser = HeadlessChromium.open("console");
        // Whatever copy of the grids an earlier test left has expired: each test decides whether grid-service answers.
        clock.advance(keepFor.plusSeconds(1));
    }

    @AfterEach
    void closeTheConsole() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("with grid-service down the map says its grids could not be loaded, and a case the rules leave to the center is still shown, dispatched by hand, and leaves the queue while its new route arrives live")
    void dispatchByHandWithGridServiceDown() throws Exception {
        var now = clock.instant();
        var odd = Snapshot.of("9907", "G07").timers(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
        try (var cases = new CaseEvents(bootstrap)) {
            try {
                cases.publish(CaseTypes.ACCEPTED, odd);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.of(DISPATCHER)).get("/api/v1/dispatch-queue").then()
                        .body("find { it.caseId == '" + odd.id() + "' }.mode", equalTo("MANUAL")));

                browser.get(page.toString());
                SignInPage.signIn(browser, DISPATCHER);
                assertThat(textOf(queued(odd), waitLong())).contains(odd.number()).contains("9907").contains("G07")
                        .contains("no rule decided");
                assertThat(attributeOf(queued(odd), "data-clock")).isEqualTo("YELLOW");
                assertThat(textOf(By.cssSelector("#map-status[data-failed='true']"), waitFor())).contains("could not be loaded");
                assertThat(attributeOf(marker(odd), "data-clock")).isEqualTo("YELLOW");
                waitFor().until(b -> b.findElement(By.cssSelector("#live[data-state='live']")));

                click(queued(odd));
                waitFor().until(b -> b.findElement(By.id("dispatch-form")).isDisplayed());
                assertThat(attributeOf(marker(odd), "class")).contains("selected");
                assertThat(attributeOf(queued(odd), "class")).contains("selected");
                assertThat(browser.findElement(By.id("me")).getText()).as("who is signed in").contains(DISPATCHER);
                assertThat(browser.findElements(By.id("dispatcher-id"))).as("no field asks who is dispatching").isEmpty();
                waitFor().until(b -> !new Select(b.findElement(By.id("dispatch-department"))).getOptions().isEmpty());

                // Refused without a reason: the page shows the API's message and the case stays in the queue.
                new Select(browser.findElement(By.id("dispatch-department"))).selectByValue("ZHZF");
                browser.findElement(By.id("dispatch-submit")).click();
                assertThat(textOf(By.id("dispatch-error"), waitFor())).contains("reason");
                assertThat(browser.findElements(queued(odd))).hasSize(1);

                new Select(browser.findElement(By.id("dispatch-co-handlers"))).selectByValue("PCS");
                browser.findElement(By.id("dispatch-reason")).sendKeys("占道 needs enforcement with the police");
                browser.findElement(By.id("dispatch-submit")).click();

                assertThat(textOf(By.id("dispatch-done"), waitFor())).contains(odd.number()).contains("区综合执法局");
                waitLong().until(b -> b.findElements(queued(odd)).isEmpty());
                assertThat(browser.findElements(marker(odd))).isEmpty();
                given().auth().oauth2(Tokens.of(DISPATCHER)).get("/api/v1/routing-decisions/" + odd.id()).then().statusCode(200)
                        .body("departmentCode", equalTo("ZHZF")).body("coHandlers[0]", equalTo("PCS"))
                        .body("overriddenBy", equalTo("CC-DISPATCHER-1"));

                var routed = By.cssSelector("#feed li[data-type='dispatch.routed'][data-case-id='" + odd.id() + "']");
                assertThat(textOf(routed, waitLong())).contains(odd.number()).contains("区综合执法局");
            } finally {
                // Its step would otherwise turn red in every later run's overdue list, pass or fail.
                cases.publish(CaseTypes.REJECTED, odd.status("REJECTED", null));
            }
        }
    }

    @Test
    @DisplayName("with grid-service up the map draws the district's grids from their GeoJSON, and a case's marker lies inside its grid")
    void mapDrawsTheGrids() throws Exception {
        // Apart from the other tests' cases (at G07's centre), so no other marker lies over its own.
        var odd = Snapshot.of("9908", "G07").at(119.162, 35.006);
        try (var grid = new FakeGridService(); var cases = new CaseEvents(bootstrap)) {
            try {
                cases.publish(CaseTypes.ACCEPTED, odd);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.of(DISPATCHER)).get("/api/v1/dispatch-queue").then()
                        .body("find { it.caseId == '" + odd.id() + "' }.mode", equalTo("MANUAL")));

                browser.get(page.toString());
                SignInPage.signIn(browser, DISPATCHER);
                var g07 = By.cssSelector("#map-areas path[data-code='G07']");
                assertThat(attributeOf(g07, "class", waitLong())).contains("level-grid").contains("kind-comprehensive");
                assertThat(browser.findElements(By.cssSelector("#map-areas path"))).hasSize(4);
                assertThat(browser.findElement(By.cssSelector("#map-areas path[data-code='DG-MARKET']")).getAttribute("class"))
                        .contains("kind-dedicated");
                assertThat(browser.findElements(By.cssSelector("#map-areas text.grid-label")))
                        .extracting(WebElement::getText).containsExactlyInAnyOrder("G07", "G08");
                assertThat(browser.findElement(By.id("map-status")).getText()).isEmpty();

                assertThat(attributeOf(marker(odd), "data-clock")).isEqualTo("NONE");
                assertThat(markerInside(odd, "G07")).as("the marker of a case at (119.162, 35.006) lies inside G07").isTrue();
                assertThat(markerInside(odd, "G08")).isFalse();

                click(marker(odd));
                assertThat(attributeOf(queued(odd), "class")).contains("selected");
                assertThat(browser.findElement(By.id("dispatch-case")).getText()).contains(odd.number());

            } finally {
                // The case leaves the queue, pass or fail, so the test database's queue does not grow with every run.
                cases.publish(CaseTypes.REJECTED, odd.status("REJECTED", null));
            }
        }
    }

    /** Whether the centre of the case's marker lies inside the bounding box of the area's outline, in SVG coordinates. */
    private boolean markerInside(Snapshot s, String areaCode) {
        return (Boolean) browser.executeScript("""
                const m = document.querySelector(arguments[0]);
                const b = document.querySelector(arguments[1]).getBBox();
                const x = m.cx.baseVal.value, y = m.cy.baseVal.value;
                return x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height;""",
                "#map-markers circle[data-case-id='" + s.id() + "']", "#map-areas path[data-code='" + areaCode + "']");
    }

    // The lists and the markers are drawn anew whenever the live stream says something changed, so
    // an element found a moment ago may be gone: these look it up again until they get an answer.

    private String textOf(By what, WebDriverWait wait) {
        return wait.ignoring(StaleElementReferenceException.class).until(b -> {
            var text = b.findElement(what).getText();
            return text.isEmpty() ? null : text;
        });
    }

    private String attributeOf(By what, String attribute) {
        return attributeOf(what, attribute, waitFor());
    }

    private String attributeOf(By what, String attribute, WebDriverWait wait) {
        return wait.ignoring(StaleElementReferenceException.class).until(b -> b.findElement(what).getAttribute(attribute));
    }

    private void click(By what) {
        waitFor().ignoring(StaleElementReferenceException.class).until(b -> {
            b.findElement(what).click();
            return true;
        });
    }

    private static By queued(Snapshot s) {
        return By.cssSelector("#queue li[data-case-id='" + s.id() + "']");
    }

    private static By marker(Snapshot s) {
        return By.cssSelector("#map-markers circle[data-case-id='" + s.id() + "']");
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private WebDriverWait waitLong() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }
}
