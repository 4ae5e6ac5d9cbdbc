package cn.gridgov.cases.phone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The grid worker's phone page in a real headless Chromium (Debian's chromium and chromedriver,
 * installed by the test command): the grid worker signs in through the identity provider, a report
 * written with no signal waits on the phone and goes out once, as one case, when the signal returns.
 */
@QuarkusTest
class PhonePageTest {

    @TestHTTPResource("/phone/")
    URL page;

    private ChromeDriver browser;

    @BeforeEach
    void openThePhone() throws Exception {
        browser = HeadlessChromium.open("phone");
    }

    @AfterEach
    void closeThePhone() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static final String WORKER = "G07-2";

    /** Opens the page, which sends the browser to the provider; signs in there as the grid worker. */
    private void openSignedIn() {
        browser.get(page.toString());
        SignInPage.signIn(browser, WORKER);
        await().until(b -> !new Select(b.findElement(By.id("category"))).getOptions().isEmpty());
    }

    @Test
    @DisplayName("the page sends a worker who is not signed in to the identity provider, and shows who signed in")
    void signsInThroughTheProvider() {
        browser.get(page.toString());
        await().until(b -> b.getCurrentUrl().startsWith(Tokens.ISSUER));
        SignInPage.signIn(browser, WORKER);

        await().until(b -> b.findElement(By.id("me")).getText().contains(WORKER));
        assertThat(browser.getCurrentUrl()).startsWith(page.toString()).doesNotContain("code=");
        assertThat(browser.findElements(By.id("staff-id"))).as("no field asks who is reporting").isEmpty();
    }

    @Test
    @DisplayName("a phone reopened after its access token expired refreshes it quietly, without the sign-in page")
    void expiredAccessTokenIsRefreshedQuietly() {
        openSignedIn();
        browser.executeScript("const k = 'gridgov.auth.gridgov-phone'; const t = JSON.parse(localStorage.getItem(k));"
                + " t.expiresAt = 0; localStorage.setItem(k, JSON.stringify(t));");

        browser.navigate().refresh();

        await().until(b -> !new Select(b.findElement(By.id("category"))).getOptions().isEmpty());
        assertThat(browser.getCurrentUrl()).startsWith(page.toString());
        var expiresAt = (Number) browser.executeScript(
                "return JSON.parse(localStorage.getItem('gridgov.auth.gridgov-phone')).expiresAt");
        assertThat(expiresAt.doubleValue()).isGreaterThan(System.currentTimeMillis() / 1000.0);
    }

    @Test
    @DisplayName("a report written in a basement with no signal waits on the phone and becomes one case when the signal returns")
    void reportWaitsForTheSignal() {
        openSignedIn();
        fill("0104", "占道经营 stall on the pavement");

        browser.executeCdpCommand("Network.enable", Map.of());
        signal(false);
        browser.findElement(By.id("submit")).click();

        var item = await().until(b -> b.findElement(By.cssSelector("#reports li[data-state='waiting']")));
        var reportId = item.getAttribute("data-report-id");
        given().auth().oauth2(Tokens.of(WORKER)).when().get("/api/v1/cases/by-report/" + reportId).then().statusCode(404);

        signal(true);

        var sent = awaitLong().until(b -> b.findElement(By.cssSelector("#reports li[data-report-id='" + reportId + "'][data-state='sent']")));
        var number = sent.findElement(By.className("number")).getText();
        assertThat(number).matches("\\d{4}-\\d{6,}");
        given().auth().oauth2(Tokens.of(WORKER)).when().get("/api/v1/cases/by-report/" + reportId).then().statusCode(200)
                .body("number", equalTo(number));
        given().auth().oauth2(Tokens.of(WORKER)).when().get("/api/v1/cases/" + number).then().statusCode(200)
                .body("reportId", equalTo(reportId));
    }

    @Test
    @DisplayName("a report the catalogue refuses is shown as refused with the reason, not sent again and again")
    void refusedReportShowsWhy() {
        openSignedIn();
        fill("0103", "违章搭建 without a photo");
        browser.findElement(By.id("submit")).click();

        WebElement refused = awaitLong().until(b -> b.findElement(By.cssSelector("#reports li[data-state='refused']")));
        assertThat(refused.findElement(By.className("detail")).getText()).contains("photo");
    }

    private void fill(String category, String description) {
        new Select(browser.findElement(By.id("category"))).selectByValue(category);
        browser.findElement(By.id("description")).sendKeys(description);
        browser.findElement(By.id("longitude")).clear();
        browser.findElement(By.id("longitude")).sendKeys("119.165");
        browser.findElement(By.id("latitude")).clear();
        browser.findElement(By.id("latitude")).sendKeys("35.004");
    }

    /** Cuts or restores the phone's network, as DevTools' offline switch does. */
    private void signal(boolean on) {
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", !on, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private WebDriverWait awaitLong() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }
}
