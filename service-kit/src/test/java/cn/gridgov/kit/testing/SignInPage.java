package cn.gridgov.kit.testing;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The identity provider's own sign-in page, as a person fills it in a real browser. */
public final class SignInPage {

    private SignInPage() {}

    /**
     * Waits for the provider's form (the page under test sent the browser there), signs in as this
     * demo user.
     */
    public static void signIn(WebDriver browser, String staffId) {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // The page under test is still sending the browser there: a look while it navigates is
        // aborted, and is tried again.
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(staffId);
        browser.findElement(By.id("password")).sendKeys(Tokens.DEMO_PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }
}
