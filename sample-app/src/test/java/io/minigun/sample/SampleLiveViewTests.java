package io.minigun.sample;

import io.minigun.execution.PipelineExecutor;
import io.minigun.liveview.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample import seen in the live view (headless Chromium): the page started from the browser's Start button, the
 * import running with its worker JVMs; saves {@code target/live-view-sample.png}, the screenshot in the README.
 */
@Timeout(240)
class SampleLiveViewTests {

    @Test
    void theImportRunningAtStartupIsOnThePage(@TempDir Path dataDir) {
        ChromeDriver browser = Chromium.start(2400, 760);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
                .run("--server.port=0", "--sample.run-on-startup=false", "--sample.orders=60000",
                        "--sample.lookup-latency=4ms", "--sample.data-dir=" + dataDir,
                        "--minigun.progress.interval=0")) {
            app.getBean(PipelineExecutor.class).run("orderDataSet");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            browser.get("http://localhost:" + port + "/actuator/minigun#orderImport");
            WebDriverWait wait = Chromium.waiting(browser, Duration.ofSeconds(120));
            wait.until(d -> d.findElements(By.cssSelector("g.node")).size() == 8);
            browser.findElement(By.id("start")).click();
            wait.until(d -> count(d.findElements(By.cssSelector(
                    "g.node[data-stage='orderImport/insert'] text.consumed"))) >= 20
                    && !d.findElements(By.cssSelector("g.node[data-bottleneck='true']")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#active-runs .run"))).hasSize(1);
            assertThat(Chromium.read(wait, d -> d.findElement(By.cssSelector("g.node[data-stage='orderImport/parse']"))
                    .getText())).contains("process");
            Chromium.screenshot(browser, "live-view-sample.png");
            wait.until(d -> d.findElement(By.cssSelector("#pipelines li[data-pipeline='orderImport']")).getText()
                    .contains("completed"));
        } finally {
            browser.quit();
        }
    }

    private static long count(List<WebElement> counts) {
        return counts.isEmpty() ? 0 : Long.parseLong(counts.get(0).getAttribute("data-value"));
    }
}
