package cn.gridgov.kit.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its chromedriver, for the tests of the services'
 * pages. The test command (deploy/stack.sh test) installs both. The options keep Chromium off the
 * network it would otherwise reach for at start (its updates, sync and QUIC), which a closed
 * machine refuses, and give each browser a fresh profile.
 */
public final class HeadlessChromium {

    private static final String CHROMIUM =
            System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER =
            System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A new browser with an empty profile named after what it tests; quit it when done. */
    public static ChromeDriver open(String profile) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException(
                    "Chromium and chromedriver are needed at "
                            + CHROMIUM
                            + " and "
                            + CHROMEDRIVER
                            + "; the test command (deploy/stack.sh test) installs them");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(profile + "-profile"));
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .build();
        return new ChromeDriver(service, options);
    }
}
