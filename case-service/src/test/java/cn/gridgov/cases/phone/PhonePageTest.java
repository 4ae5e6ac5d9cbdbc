package cn.gridgov.cases.phone;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.HeadlessChromium;
import cn.gridgov.kit.testing.SignInPage;
import cn.gridgov.kit.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The grid worker's phone app in a real headless Chromium (Debian's chromium and chromedriver,
 * installed by the test command), with no map tile server (the tests run without internet): the
 * grid worker signs in through the identity provider, places a report by dropping a pin on the map
 * drawn from the grids' outlines alone, a report written with no signal waits on the phone and goes
 * out once, as one case, when the signal returns; my tasks lists a case to verify in the worker's
 * grid with the way there, and one tap verifies it; a worker of another grid does not see it.
 * Screenshots at phone and desk width are kept in target/screenshots.
 */
@QuarkusTest
class PhonePageTest {

    @TestHTTPResource("/phone/")
    URL page;

    private ChromeDriver browser;

    @BeforeEach
    void openThePhone() throws Exception {
        browser = HeadlessChromium.open("phone");
        browser.manage().window().setSize(new Dimension(390, 844));
    }

    @AfterEach
    void closeThePhone() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static final String WORKER = "G07-2";
    private static final String OTHER_WORKER = "G20-2";

    /**
     * The centre of G07, where the stand-in for grid-service places G07's square of about 900 m.
     */
    private static final double G07_LON = 119.165;

    private static final double G07_LAT = 35.004;
    private static final double G07_HALF_SIDE = 0.0045;

    /**
     * Opens the page, which sends the browser to the provider; signs in there as this grid worker.
     */
    private void openSignedIn(String staffId) {
        browser.get(page.toString());
        SignInPage.signIn(browser, staffId);
        await().until(b -> !new Select(b.findElement(By.id("category"))).getOptions().isEmpty());
    }

    @Test
    @DisplayName(
            "the page sends a worker who is not signed in to the identity provider, and shows who signed in")
    void signsInThroughTheProvider() {
        browser.get(page.toString());
        await().until(b -> b.getCurrentUrl().startsWith(Tokens.ISSUER));
        SignInPage.signIn(browser, WORKER);

        await().until(b -> b.findElement(By.id("me")).getText().contains(WORKER));
        assertThat(browser.getCurrentUrl()).startsWith(page.toString()).doesNotContain("code=");
        assertThat(browser.findElements(By.id("staff-id")))
                .as("no field asks who is reporting")
                .isEmpty();
    }

    @Test
    @DisplayName(
            "a phone reopened after its access token expired refreshes it quietly, without the sign-in page")
    void expiredAccessTokenIsRefreshedQuietly() {
        openSignedIn(WORKER);
        browser.executeScript(
                "const k = 'gridgov.auth.gridgov-phone'; const t = JSON.parse(localStorage.getItem(k));"
                        + " t.expiresAt = 0; localStorage.setItem(k, JSON.stringify(t));");

        browser.navigate().refresh();

        await().until(b -> !new Select(b.findElement(By.id("category"))).getOptions().isEmpty());
        assertThat(browser.getCurrentUrl()).startsWith(page.toString());
        var expiresAt =
                (Number)
                        browser.executeScript(
                                "return JSON.parse(localStorage.getItem('gridgov.auth.gridgov-phone')).expiresAt");
        assertThat(expiresAt.doubleValue()).isGreaterThan(System.currentTimeMillis() / 1000.0);
    }

    @Test
    @DisplayName(
            "with no map tiles, the worker's grid is drawn from its outline; a pin dropped on it places a report that becomes a case of G07")
    void reportByDroppingAPin() throws Exception {
        openSignedIn(WORKER);
        awaitLong()
                .until(b -> "G07".equals(b.findElement(By.id("map")).getAttribute("data-grids")));
        assertThat(browser.findElements(By.cssSelector("#map path.leaflet-interactive")))
                .as("G07's outline")
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#map .leaflet-tile")))
                .as("no tile server is configured")
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector("#map .grid-label")).getText())
                .contains("G07");

        new Select(browser.findElement(By.id("category"))).selectByValue("0104");
        assertThat(browser.findElement(By.id("category-conditions")).getText())
                .as("the register conditions (立案条件)")
                .contains("立案条件")
                .contains("摆摊");
        var map = browser.findElement(By.id("map"));
        var point = freeSpotIn(G07_LAT, G07_LON, G07_HALF_SIDE);
        new org.openqa.selenium.interactions.Actions(browser)
                .moveToElement(
                        map,
                        (int)
                                (((Number) point.get("x")).doubleValue()
                                        - map.getSize().getWidth() / 2.0),
                        (int)
                                (((Number) point.get("y")).doubleValue()
                                        - map.getSize().getHeight() / 2.0))
                .click()
                .perform();
        var pin = await().until(b -> b.findElement(By.id("map")).getAttribute("data-pin"));
        var lonLat = pin.split(",");
        assertThat(Double.parseDouble(lonLat[0]))
                .isCloseTo(G07_LON, org.assertj.core.data.Offset.offset(G07_HALF_SIDE));
        assertThat(Double.parseDouble(lonLat[1]))
                .isCloseTo(G07_LAT, org.assertj.core.data.Offset.offset(G07_HALF_SIDE));
        assertThat(browser.findElement(By.id("longitude")).getAttribute("value"))
                .isEqualTo(lonLat[0]);
        assertThat(browser.findElements(By.cssSelector("#map .leaflet-marker-icon")))
                .as("the pin")
                .hasSize(1);
        var description = "占道经营 pin " + unique();
        browser.findElement(By.id("description")).sendKeys(description);
        screenshot("phone-report-390.png");
        browser.findElement(By.id("submit")).click();

        browser.findElement(By.id("tab-mine")).click();
        var sent =
                awaitLong()
                        .until(
                                b ->
                                        b.findElement(
                                                By.cssSelector("#reports li[data-state='sent']")));
        var reportId = sent.getAttribute("data-report-id");
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/by-report/" + reportId)
                .then()
                .statusCode(200)
                .body("gridCode", equalTo("G07"))
                .body("description", equalTo(description))
                .body("longitude", equalTo(Float.parseFloat(lonLat[0])));
    }

    /**
     * A point of the grid, in the map's pixels, where a tap lands on the map itself: the module's
     * other tests leave their cases in G07, and a tap on a case's marker opens the case instead of
     * dropping the pin; the grid's label sits at its centre and the zoom buttons in a corner.
     * Candidates are tried from the corners inwards.
     */
    private Map<?, ?> freeSpotIn(double lat, double lon, double halfSide) {
        var point =
                (Map<?, ?>)
                        browser.executeScript(
                                """
                const box = map.getContainer();
                box.scrollIntoView({block: 'center'});
                const rect = box.getBoundingClientRect();
                const taken = [];
                [layers.tasks, layers.reports].forEach((group) => group.eachLayer((m) => taken.push(map.latLngToContainerPoint(m.getLatLng()))));
                for (const f of [0.7, 0.55, 0.4, 0.25]) {
                  for (const [sx, sy] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) {
                    const p = map.latLngToContainerPoint([arguments[0] + sy * f * arguments[2], arguments[1] + sx * f * arguments[2]]);
                    if (p.x < 50 || p.y < 90 || p.x > rect.width - 20 || p.y > rect.height - 20) continue;
                    if (taken.some((q) => q.distanceTo(p) < 30)) continue;
                    const hit = document.elementFromPoint(rect.left + p.x, rect.top + p.y);
                    if (!hit || !box.contains(hit) || hit.closest('.leaflet-marker-icon, .leaflet-tooltip, .leaflet-control')) continue;
                    return {x: p.x, y: p.y};
                  }
                }
                return null;""",
                                lat,
                                lon,
                                halfSide);
        assertThat(point).as("a free spot of the grid on the map").isNotNull();
        return point;
    }

    @Test
    @DisplayName(
            "a report written in a basement with no signal waits on the phone and becomes exactly one case when the signal returns")
    void reportWaitsForTheSignal() {
        openSignedIn(WORKER);
        var description = "占道经营 offline " + unique();
        fill("0104", description);

        browser.executeCdpCommand("Network.enable", Map.of());
        signal(false);
        browser.findElement(By.id("submit")).click();

        browser.findElement(By.id("tab-mine")).click();
        var item =
                await().until(
                                b ->
                                        b.findElement(
                                                By.cssSelector(
                                                        "#reports li[data-state='waiting']")));
        var reportId = item.getAttribute("data-report-id");
        assertThat(browser.findElement(By.id("waiting-count")).getText()).isEqualTo("1");
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/by-report/" + reportId)
                .then()
                .statusCode(404);

        signal(true);
        // The phone hears "online" several times at once, as a flapping signal makes it: still one
        // case.
        browser.executeScript(
                "for (let i = 0; i < 3; i++) window.dispatchEvent(new Event('online'));");

        var sent =
                awaitLong()
                        .until(
                                b ->
                                        b.findElement(
                                                By.cssSelector(
                                                        "#reports li[data-report-id='"
                                                                + reportId
                                                                + "'][data-state='sent']")));
        var number = sent.findElement(By.className("number")).getText();
        assertThat(number).matches("\\d{4}-\\d{6,}");
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/by-report/" + reportId)
                .then()
                .statusCode(200)
                .body("number", equalTo(number));
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .queryParam("reporter", WORKER)
                .queryParam("q", description)
                .queryParam("count", true)
                .when()
                .get("/api/v1/cases")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].number", equalTo(number));
    }

    @Test
    @DisplayName(
            "a report the catalogue refuses is shown as refused with the reason, not sent again and again")
    void refusedReportShowsWhy() {
        openSignedIn(WORKER);
        fill("0103", "违章搭建 without a photo");
        browser.findElement(By.id("submit")).click();

        browser.findElement(By.id("tab-mine")).click();
        WebElement refused =
                awaitLong()
                        .until(
                                b ->
                                        b.findElement(
                                                By.cssSelector(
                                                        "#reports li[data-state='refused']")));
        assertThat(refused.findElement(By.className("detail")).getText()).contains("photo");
    }

    @Test
    @DisplayName(
            "my tasks lists a case to verify in my grid with the way there from where I stand, and one tap verifies it")
    void oneTapVerifiesACaseOfMyGrid() throws Exception {
        var number = hotlineReportInG07("路灯不亮 verify on site " + unique());
        // The worker stands about 400 m south-west of the case.
        browser.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", origin(), "permissions", List.of("geolocation")));
        browser.executeCdpCommand(
                "Emulation.setGeolocationOverride",
                Map.of(
                        "latitude",
                        G07_LAT - 0.0021,
                        "longitude",
                        G07_LON - 0.0028,
                        "accuracy",
                        10));
        openSignedIn(WORKER);

        browser.findElement(By.id("tab-tasks")).click();
        var task = By.cssSelector("#verify-tasks li[data-number='" + number + "']");
        awaitLong().until(b -> b.findElement(task));
        var way =
                await().until(
                                b -> {
                                    var text =
                                            b.findElement(task)
                                                    .findElement(By.className("distance"))
                                                    .getText();
                                    return text.contains("米") ? text : null;
                                });
        assertThat(way).contains("东北");
        assertThat(
                        browser.findElement(task)
                                .findElement(By.className("navigate"))
                                .getAttribute("href"))
                .startsWith("geo:35.00");
        assertThat(browser.findElement(By.id("tasks-where")).getText()).contains("G07");
        screenshot("phone-tasks-390.png");

        click(By.cssSelector("#verify-tasks li[data-number='" + number + "'] button.verify"));

        awaitLong().until(b -> b.findElements(task).isEmpty());
        assertThat(browser.findElement(By.id("notice")).getText()).contains(number);
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/" + number)
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/" + number + "/timeline")
                .then()
                .statusCode(200)
                .body("find { it.toStatus == 'VERIFIED' }.staffId", equalTo(WORKER));
    }

    @Test
    @DisplayName(
            "a case verified on site with no signal waits on the phone, and when the signal returns it is verified exactly once, even though an earlier send got through and only its answer was lost")
    void verifyWaitsForTheSignal() {
        var number = hotlineReportInG07("路灯不亮 verified in a basement " + unique());
        openSignedIn(WORKER);
        browser.findElement(By.id("tab-tasks")).click();
        var task = By.cssSelector("#verify-tasks li[data-number='" + number + "']");
        awaitLong().until(b -> b.findElement(task));

        browser.executeCdpCommand("Network.enable", Map.of());
        signal(false);
        click(By.cssSelector("#verify-tasks li[data-number='" + number + "'] button.verify"));

        awaitLong().until(b -> "waiting".equals(b.findElement(task).getAttribute("data-state")));
        assertThat(
                        browser.findElements(
                                By.cssSelector(
                                        "#verify-tasks li[data-number='"
                                                + number
                                                + "'] button.verify")))
                .as("no second tap while the first waits")
                .isEmpty();
        assertThat(browser.findElement(By.id("notice")).getText()).contains(number);
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/" + number)
                .then()
                .statusCode(200)
                .body("status", equalTo("REPORTED"));

        // The phone's first send reached case-service, but its answer never came back.
        var commandId = keptCommandId(number);
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .contentType(ContentType.JSON)
                .body("{\"commandId\":\"" + commandId + "\"}")
                .when()
                .post("/api/v1/cases/" + number + "/verify")
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));

        signal(true);
        browser.executeScript(
                "for (let i = 0; i < 3; i++) window.dispatchEvent(new Event('online'));");
        awaitLong().until(b -> b.findElements(task).isEmpty());
        awaitLong().until(b -> keptCommandIds().isEmpty());
        assertThat(browser.findElement(By.id("tasks-error")).getText()).isEmpty();
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/cases/" + number + "/timeline")
                .then()
                .statusCode(200)
                .body("findAll { it.toStatus == 'VERIFIED' }.size()", equalTo(1))
                .body("find { it.toStatus == 'VERIFIED' }.staffId", equalTo(WORKER));
    }

    @Test
    @DisplayName("a worker of another grid does not see a case to verify in G07 among their tasks")
    void anotherGridsWorkerDoesNotSeeIt() {
        var number = hotlineReportInG07("路灯不亮 not yours " + unique());
        openSignedIn(OTHER_WORKER);

        browser.findElement(By.id("tab-tasks")).click();
        awaitLong().until(b -> b.findElement(By.id("tasks-where")).getText().contains("G20"));
        assertThat(
                        browser.findElements(
                                By.cssSelector("#tasks-panel li[data-number='" + number + "']")))
                .isEmpty();
        given().auth()
                .oauth2(Tokens.of(WORKER))
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("verify.find { it.number == '" + number + "' }.gridCode", equalTo("G07"));
    }

    @Test
    @DisplayName(
            "the page is Chinese by default and English at a tap, names its controls, and fits a phone and a desk")
    void languageLayoutAndLabels() throws Exception {
        openSignedIn(WORKER);
        awaitLong()
                .until(b -> "G07".equals(b.findElement(By.id("map")).getAttribute("data-grids")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("网格员");
        assertThat(browser.findElement(By.id("me")).getText()).contains(WORKER);
        var unlabelled =
                browser.executeScript(
                        "return Array.from(document.querySelectorAll('input, select, textarea, button'))"
                                + ".filter((e) => e.offsetParent !== null && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                                + " && !e.textContent.trim()).map((e) => e.id || e.outerHTML)");
        assertThat((List<?>) unlabelled).as("every control visible has a name").isEmpty();
        assertThat(browser.findElement(By.cssSelector("link[rel='manifest']")).getAttribute("href"))
                .endsWith("manifest.json");
        given().when()
                .get("/phone/manifest.json")
                .then()
                .statusCode(200)
                .body("lang", equalTo("zh-CN"))
                .body("icons.sizes", org.hamcrest.Matchers.hasItems("192x192", "512x512"));
        assertThat(scrollWidth())
                .as("nothing wider than a phone's screen")
                .isLessThanOrEqualTo(390L);
        screenshot("phone-390.png");

        browser.findElement(By.id("language")).click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Grid worker");
        assertThat(browser.findElement(By.id("tab-tasks")).getText()).contains("My tasks");
        screenshot("phone-en-390.png");

        browser.manage().window().setSize(new Dimension(1440, 900));
        await().until(
                        b ->
                                b.findElement(By.id("panel")).getRect().getX()
                                        > b.findElement(By.id("map")).getRect().getX()
                                                + b.findElement(By.id("map")).getRect().getWidth()
                                                - 1);
        assertThat(scrollWidth()).isLessThanOrEqualTo(1440L);
        browser.findElement(By.id("language")).click();
        browser.findElement(By.id("tab-tasks")).click();
        screenshot("phone-1440.png");
    }

    @Test
    @DisplayName(
            "a camera photo is shrunk on the phone to at most 1600 px before it is sent with the report")
    void photosAreShrunkBeforeUpload() throws Exception {
        openSignedIn(WORKER);
        var image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 4000, 3000, Color.BLUE));
        g.fillRect(0, 0, 4000, 3000);
        g.dispose();
        var photo =
                Files.createDirectories(Path.of("target", "phone"))
                        .resolve("building-4000x3000.png");
        ImageIO.write(image, "png", photo.toFile());
        fill("0103", "违章搭建 with a photo " + unique());
        browser.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
        awaitLong()
                .until(
                        b ->
                                "1"
                                        .equals(
                                                b.findElement(By.id("photo-previews"))
                                                        .getAttribute("data-count")));
        // Below the fold on a phone: brought to the middle of the screen first, as a thumb scrolls
        // to it.
        ((JavascriptExecutor) browser)
                .executeScript(
                        "document.getElementById('submit').scrollIntoView({block: 'center'})");
        browser.findElement(By.id("submit")).click();

        browser.findElement(By.id("tab-mine")).click();
        assertThat(browser.findElement(By.id("form-error")).getText()).isEmpty();
        var sent =
                awaitLong()
                        .until(
                                b ->
                                        b.findElement(
                                                By.cssSelector(
                                                        "#reports li:not([data-state='waiting'])")));
        assertThat(sent.getAttribute("data-state")).as(sent.getText()).isEqualTo("sent");
        var number = sent.findElement(By.className("number")).getText();
        List<String> photoIds =
                given().auth()
                        .oauth2(Tokens.of(WORKER))
                        .when()
                        .get("/api/v1/cases/" + number + "/timeline")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("[0].photoIds");
        assertThat(photoIds).hasSize(1);
        var bytes =
                given().auth()
                        .oauth2(Tokens.of(WORKER))
                        .when()
                        .get("/api/v1/photos/" + photoIds.get(0))
                        .then()
                        .statusCode(200)
                        .contentType("image/jpeg")
                        .extract()
                        .asByteArray();
        var stored = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(Math.max(stored.getWidth(), stored.getHeight())).isEqualTo(1600);
        assertThat(stored.getWidth() * 3).isEqualTo(stored.getHeight() * 4);
    }

    private void fill(String category, String description) {
        new Select(browser.findElement(By.id("category"))).selectByValue(category);
        browser.findElement(By.id("description")).sendKeys(description);
        browser.findElement(By.id("longitude")).clear();
        browser.findElement(By.id("longitude")).sendKeys(String.valueOf(G07_LON));
        browser.findElement(By.id("latitude")).clear();
        browser.findElement(By.id("latitude")).sendKeys(String.valueOf(G07_LAT));
    }

    /**
     * A citizen's call taken at the desk about a place in G07: a case that waits to be verified on
     * site.
     */
    private static String hotlineReportInG07(String description) {
        return given().auth()
                .oauth2(Tokens.of("CC-DISPATCHER-1"))
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\""
                                + UUID.randomUUID()
                                + "\",\"source\":\"HOTLINE\",\"category\":\"0104\","
                                + "\"description\":\""
                                + description
                                + "\",\"longitude\":"
                                + G07_LON
                                + ",\"latitude\":"
                                + G07_LAT
                                + "}")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("gridCode", equalTo("G07"))
                .body("status", equalTo("REPORTED"))
                .extract()
                .path("number");
    }

    /** The ids of the commands kept on the phone (IndexedDB), as caseRef=commandId. */
    @SuppressWarnings("unchecked")
    private List<String> keptCommandIds() {
        return (List<String>)
                browser.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " const open = indexedDB.open('gridgov-phone');"
                                + " open.onsuccess = () => { const all = open.result.transaction('commands')"
                                + ".objectStore('commands').getAll();"
                                + " all.onsuccess = () => done(all.result.map((c) => c.caseRef + '=' + c.commandId)); };");
    }

    private String keptCommandId(String number) {
        return keptCommandIds().stream()
                .filter(kept -> kept.startsWith(number + "="))
                .map(kept -> kept.substring(number.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no command kept for " + number));
    }

    private static String unique() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    private String origin() {
        return page.getProtocol() + "://" + page.getHost() + ":" + page.getPort();
    }

    private long scrollWidth() {
        return (Long) browser.executeScript("return document.documentElement.scrollWidth");
    }

    private void click(By what) {
        await().ignoring(StaleElementReferenceException.class)
                .until(
                        b -> {
                            b.findElement(what).click();
                            return true;
                        });
    }

    private void screenshot(String name) throws Exception {
        var dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Cuts or restores the phone's network, as DevTools' offline switch does. */
    private void signal(boolean on) {
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

    /**
     * Waits across re-renders: the lists are drawn again as answers come, so an element found may
     * go stale.
     */
    private WebDriverWait await() {
        return waitFor(Duration.ofSeconds(10));
    }

    private WebDriverWait awaitLong() {
        return waitFor(Duration.ofSeconds(30));
    }

    private WebDriverWait waitFor(Duration timeout) {
        var wait = new WebDriverWait(browser, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }
}
