package io.minigun.liveview;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages ({@code .ci/run} installs
 * them). Nothing is downloaded: the driver and the browser are given by path. When they cannot start, the test fails.
 */
public final class Chromium {
    static final String BROWSER = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    public static ChromeDriver start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("minigun-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * A wait that polls every 200 ms and looks again when an element it read was replaced meanwhile (the page redraws
     * its graph every second).
     */
    public static WebDriverWait waiting(ChromeDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Reads a value off the page, again when an element it read was replaced meanwhile. */
    public static String read(WebDriverWait wait, Function<WebDriver, String> read) {
        return wait.until(read);
    }

    /** Saves a PNG of the window under {@code target/}. */
    public static Path screenshot(ChromeDriver driver, String name) {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        try {
            Files.createDirectories(target.getParent());
            return Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
