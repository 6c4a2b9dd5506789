package io.minigun.liveview;

import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view in a real browser (headless Chromium): an application with a slow pipeline on a random port, the page
 * at {@code /actuator/minigun}, Start and Cancel pressed like a user would.
 */
@Timeout(180)
class LiveViewBrowserTests {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private ChromeDriver browser;
    private ConfigurableApplicationContext app;

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start(1500, 900);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void thePageShowsTheRunningPipelineItsBottleneckAndAFullQueueAndCancelsIt() {
        app = start("management.endpoints.web.exposure.include=health,minigun",
                "management.endpoint.minigun.access=unrestricted");
        browser.get(url("/actuator/minigun#slowImport"));
        WebDriverWait wait = Chromium.waiting(browser, WAIT);
        wait.until(d -> d.findElements(By.cssSelector("g.node")).size() == 4);
        assertThat(stageKeys(wait)).containsExactly("slowImport/read", "slowImport/parse", "slowImport/save",
                "slowImport/audit");
        assertThat(browser.findElement(By.id("pipeline-name")).getText()).isEqualTo("slowImport");

        browser.findElement(By.id("start")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#active-runs .run")).isEmpty());
        long first = waitForCount(wait, "slowImport/save", 1);
        long later = waitForCount(wait, "slowImport/save", first + 1);
        assertThat(later).as("the counts on the page increase").isGreaterThan(first);

        wait.until(d -> "true".equals(node("slowImport/save").getAttribute("data-bottleneck")));
        assertThat(Chromium.read(wait, d -> node("slowImport/parse").getAttribute("data-bottleneck"))).isEqualTo("false");
        wait.until(d -> "red".equals(edgeInto("slowImport/save").getAttribute("data-level")));
        assertThat(Chromium.read(wait, d -> edgeInto("slowImport/save").getAttribute("class"))).contains("red");
        wait.until(d -> Long.parseLong(node("slowImport/audit").getAttribute("data-failed")) > 0);
        assertThat(Chromium.read(wait, d -> node("slowImport/audit").getAttribute("class"))).contains("failed");
        assertThat(Chromium.read(wait, d -> node("slowImport/save").getText())).contains("busy", "blocked", "p50", "p99", "/s");
        Chromium.screenshot(browser, "live-view-running.png");

        LiveViewPage.cancelAndAwaitCancelled(browser, wait);
        assertThat(app.getBean(PipelineExecutor.class).activeRuns("slowImport")).isEmpty();
        Chromium.screenshot(browser, "live-view-cancelled.png");
    }

    @Test
    void withReadOnlyAccessThePageShowsTheRunButHasNoButtons() {
        app = start("management.endpoints.web.exposure.include=minigun",
                "management.endpoint.minigun.access=read-only");
        app.getBean(PipelineExecutor.class).start("slowImport");
        browser.get(url("/actuator/minigun"));
        WebDriverWait wait = Chromium.waiting(browser, WAIT);
        wait.until(d -> !d.findElements(By.cssSelector("#active-runs .run")).isEmpty());
        waitForCount(wait, "slowImport/save", 1);
        assertThat(browser.findElements(By.id("start"))).isEmpty();
        assertThat(browser.findElements(By.id("cancel"))).isEmpty();
        assertThat(browser.findElements(By.tagName("button"))).isEmpty();
        Chromium.screenshot(browser, "live-view-read-only.png");
        app.getBean(PipelineExecutor.class).activeRuns("slowImport").forEach(run -> run.cancel());
    }

    @Test
    void withoutExposureThereIsNoPage() throws Exception {
        app = start("management.endpoints.web.exposure.include=health");
        browser.get(url("/actuator/minigun"));
        assertThat(browser.getTitle()).doesNotContain("Minigun");
        assertThat(browser.findElements(By.id("dag"))).isEmpty();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url("/actuator/minigun"))).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(LiveViewApplication.class)
                .properties("spring.config.name=liveview", "server.port=0", "minigun.progress.interval=0",
                        "logging.level.io.minigun=error")
                .properties(properties)
                .run();
    }

    private String url(String path) {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + path;
    }

    private List<String> stageKeys(WebDriverWait wait) {
        return wait.until(d -> d.findElements(By.cssSelector("g.node")).stream()
                .map(n -> n.getAttribute("data-stage")).toList());
    }

    private WebElement node(String stage) {
        return browser.findElement(By.cssSelector("g.node[data-stage='" + stage + "']"));
    }

    private WebElement edgeInto(String stage) {
        return browser.findElement(By.cssSelector("path.edge[data-to='" + stage + "']"));
    }

    /** Waits until the stage's count on the page is at least {@code atLeast}; returns it. */
    private long waitForCount(WebDriverWait wait, String stage, long atLeast) {
        return wait.until(d -> {
            List<WebElement> counts = d.findElements(
                    By.cssSelector("g.node[data-stage='" + stage + "'] text.consumed"));
            if (counts.isEmpty()) {
                return null;
            }
            long value = Long.parseLong(counts.get(0).getAttribute("data-value"));
            return value >= atLeast ? value : null;
        });
    }
}
