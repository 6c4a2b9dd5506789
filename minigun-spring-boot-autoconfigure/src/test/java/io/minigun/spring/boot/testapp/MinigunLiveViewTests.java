package io.minigun.spring.boot.testapp;

import com.jayway.jsonpath.JsonPath;
import io.minigun.PipelineRun;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live view page and the live figures of the endpoint's JSON, over real HTTP on Spring MVC (Tomcat) and WebFlux
 * (Netty): a browser's request to {@code /actuator/minigun} gets the page, any other client the JSON, as before; the
 * page follows the endpoint's exposure and access.
 */
@Timeout(120)
class MinigunLiveViewTests {
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void aBrowserGetsThePageWithButtonsAndOtherClientsTheJson(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext app = start(type, "management.endpoints.web.exposure.include=minigun")) {
            HttpResponse<String> page = get(app, "/actuator/minigun", BROWSER_ACCEPT);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type1 -> assertThat(type1).startsWith("text/html"));
            assertThat(page.body()).contains("<title>Minigun live view</title>", "data-write=\"true\"",
                    "id=\"dag\"", "function poll()", ".edge.red");
            assertThat(page.body()).as("nothing loaded from elsewhere")
                    .doesNotContain("src=\"http", "href=\"http", "@import", "@@");

            for (String accept : new String[]{"*/*", "application/json", ""}) {
                HttpResponse<String> json = get(app, "/actuator/minigun", accept);
                assertThat(json.statusCode()).as(accept).isEqualTo(200);
                assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type1 -> assertThat(type1).contains("json"));
                assertThat((List<String>) JsonPath.read(json.body(), "$.pipelines[*].name"))
                        .containsExactly("endless", "orders");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void readOnlyAccessServesThePageWithoutButtons(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext app = start(type, "management.endpoints.web.exposure.include=minigun",
                "management.endpoint.minigun.access=read-only")) {
            HttpResponse<String> page = get(app, "/actuator/minigun", BROWSER_ACCEPT);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("data-write=\"false\"");
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void notExposedThereIsNoPage(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext app = start(type, "management.endpoints.web.exposure.include=health")) {
            assertThat(get(app, "/actuator/health", "application/json").statusCode()).isEqualTo(200);
            assertThat(get(app, "/actuator/minigun", BROWSER_ACCEPT).statusCode()).isEqualTo(404);
        }
    }

    /** The JSON contract the page relies on: edges, and the live figures of an active run. */
    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void theJsonCarriesEdgesAndLiveFigures(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext app = start(type, "management.endpoints.web.exposure.include=minigun")) {
            String orders = get(app, "/actuator/minigun/orders", "application/json").body();
            List<Map<String, Object>> edges = JsonPath.read(orders, "$.edges");
            assertThat(edges).extracting(e -> e.get("from") + ">" + e.get("to"))
                    .containsExactly("orders/generate>orders/price", "orders/price>orders/tax",
                            "orders/tax>orders/store");
            assertThat(edges).allSatisfy(e -> assertThat(e).containsOnlyKeys("from", "to", "fused"));

            PipelineRun run = app.getBean(PipelineExecutor.class).start("endless");
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    String body = get(app, "/actuator/minigun/endless", "application/json").body();
                    Map<String, Object> live = JsonPath.read(body, "$.activeRuns[0].live");
                    // null values are left out of the actuator's JSON: bottleneck is there only when there is one
                    assertThat(live).containsKeys("elapsedMillis", "windowMillis", "produced", "consumed", "failed",
                            "itemsPerSecond", "stages");
                    assertThat(live.keySet()).isSubsetOf("elapsedMillis", "windowMillis", "produced", "consumed",
                            "failed", "itemsPerSecond", "bottleneck", "stages");
                    assertThat(((Number) live.get("produced")).longValue()).isEqualTo(3);
                    List<Map<String, Object>> stages = JsonPath.read(body, "$.activeRuns[0].live.stages");
                    assertThat(stages).extracting(s -> s.get("name")).containsExactly("generate", "drop");
                    assertThat(stages.get(1)).containsOnlyKeys("name", "pipeline", "consumed", "produced", "failed",
                            "inPerSecond", "outPerSecond", "failedPerSecond", "retriedPerSecond", "queued",
                            "queueCapacity", "queueFill", "busy", "blocked", "blockedMillis", "p50Millis",
                            "p99Millis", "activeWorkers", "ended", "bottleneck");
                    assertThat(stages.get(1)).containsEntry("consumed", 3).containsEntry("pipeline", "endless");
                    assertThat(((Number) stages.get(1).get("inPerSecond")).doubleValue()).isPositive();
                    assertThat(JsonPath.<Map<String, Object>>read(body, "$")).doesNotContainKey("lastRun");
                });
            } finally {
                run.cancel();
                run.await(Duration.ofSeconds(30));
            }
            String after = get(app, "/actuator/minigun/endless", "application/json").body();
            assertThat(JsonPath.<Map<String, Object>>read(after, "$.lastRun")).as("a finished run has no live figures")
                    .containsEntry("status", "CANCELLED").doesNotContainKey("live");
        }
    }

    private static ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
        return new SpringApplicationBuilder(TestApplication.class)
                .web(type)
                .properties("server.port=0", "minigun.progress.interval=0")
                .properties(properties)
                .run();
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String accept)
            throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (!accept.isEmpty()) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
