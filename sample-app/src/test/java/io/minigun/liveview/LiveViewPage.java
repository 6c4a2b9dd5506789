package io.minigun.liveview;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do on the live view page more than once. */
public final class LiveViewPage {
    private LiveViewPage() {
    }

    /** Clicks Cancel and waits until the page lists no active run and shows the last run as CANCELLED. */
    public static void cancelAndAwaitCancelled(WebDriver browser, WebDriverWait wait) {
        browser.findElement(By.id("cancel")).click();
        wait.until(d -> d.findElements(By.cssSelector("#active-runs .run")).isEmpty());
        wait.until(d -> d.findElement(By.cssSelector("#last-run .status")).getText().equals("CANCELLED"));
    }
}
