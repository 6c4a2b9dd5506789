package io.minigun.liveviewsecured;

import io.minigun.execution.PipelineExecutor;
import io.minigun.liveview.Chromium;
import io.minigun.liveview.LiveViewPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view behind Spring Security, in a real browser (headless Chromium): it follows the endpoint's security
 * like any actuator path (sign-in, role), and its Start and Cancel pass CSRF protection by sending the
 * {@code XSRF-TOKEN} cookie's value as {@code X-XSRF-TOKEN}. Runs in its own Surefire execution, the only one with
 * Spring Security on its class path.
 */
@Timeout(180)
class LiveViewSecurityBrowserTests {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private ChromeDriver browser;
    private ConfigurableApplicationContext app;

    @BeforeEach
    void start() {
        app = new SpringApplicationBuilder(SecuredLiveViewApplication.class)
                .properties("spring.config.name=liveviewsecured", "server.port=0", "minigun.progress.interval=0",
                        "logging.level.io.minigun=error",
                        "management.endpoints.web.exposure.include=health,minigun",
                        "management.endpoint.minigun.access=unrestricted")
                .run();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.getBean(PipelineExecutor.class).activeRuns("securedImport").forEach(run -> run.cancel());
            app.close();
        }
    }

    @Test
    void anOperatorSignsInThenStartsAndCancelsARunThroughCsrfProtection() {
        browser = Chromium.start(1500, 900);
        browser.get(url("/actuator/minigun#securedImport"));
        WebDriverWait wait = Chromium.waiting(browser, WAIT);
        wait.until(d -> !d.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(SecuredLiveViewApplication.OPERATOR);
        browser.findElement(By.id("password")).sendKeys(SecuredLiveViewApplication.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(d -> d.findElements(By.cssSelector("g.node")).size() == 2);
        assertThat(browser.findElement(By.id("pipeline-name")).getText()).isEqualTo("securedImport");
        browser.findElement(By.id("start")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#active-runs .run")).isEmpty());
        assertThat(browser.manage().getCookieNamed("XSRF-TOKEN")).as("the token the page sent").isNotNull();
        assertThat(app.getBean(PipelineExecutor.class).activeRuns("securedImport")).hasSize(1);

        LiveViewPage.cancelAndAwaitCancelled(browser, wait);
        assertThat(app.getBean(PipelineExecutor.class).activeRuns("securedImport")).isEmpty();
        Chromium.screenshot(browser, "live-view-secured.png");
    }

    @Test
    void aWriteIsRefusedWithoutTheCsrfTokenAndAcceptedWithIt() throws Exception {
        HttpResponse<String> read = get("/actuator/minigun", "application/json", SecuredLiveViewApplication.OPERATOR);
        String token = read.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
                .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie in " + read.headers()));

        // the token is checked before the credentials are read, so the refusal is the sign-in challenge
        HttpResponse<String> withoutToken = start(token, null);
        assertThat(withoutToken.statusCode()).as("the operator, without the header").isEqualTo(401);
        assertThat(app.getBean(PipelineExecutor.class).activeRuns("securedImport")).isEmpty();

        HttpResponse<String> withToken = start(token, token);
        assertThat(withToken.statusCode()).as("the operator, with the header: %s", withToken.body()).isEqualTo(200);
        assertThat(app.getBean(PipelineExecutor.class).activeRuns("securedImport")).hasSize(1);
    }

    private HttpResponse<String> start(String cookie, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/actuator/minigun/securedImport")))
                .header("Authorization", basic(SecuredLiveViewApplication.OPERATOR))
                .header("Accept", "application/json")
                .header("Cookie", "XSRF-TOKEN=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header("X-XSRF-TOKEN", header);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsDataNeedTheEndpointsRole() throws Exception {
        HttpResponse<String> anonymousPage = get("/actuator/minigun", "text/html", null);
        assertThat(anonymousPage.statusCode()).as("anonymous, from a browser").isEqualTo(302);
        assertThat(anonymousPage.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
        assertThat(get("/actuator/minigun", "application/json", null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(get("/actuator/minigun", "text/html", SecuredLiveViewApplication.GUEST).statusCode())
                .as("signed in without the role").isEqualTo(403);
        HttpResponse<String> page = get("/actuator/minigun", "text/html", SecuredLiveViewApplication.OPERATOR);
        assertThat(page.statusCode()).as("the operator").isEqualTo(200);
        assertThat(page.body()).contains("Minigun");
        assertThat(get("/actuator/health", "application/json", null).statusCode()).as("health stays open")
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String accept, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept);
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        String credentials = user + ":" + SecuredLiveViewApplication.PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private String url(String path) {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + path;
    }
}
