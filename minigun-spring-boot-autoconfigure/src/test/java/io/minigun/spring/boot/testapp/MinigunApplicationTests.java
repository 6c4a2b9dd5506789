package io.minigun.spring.boot.testapp;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a real application: discovered pipelines run by name, meters with their tags in the (simple) meter
 * registry, and the actuator endpoint over HTTP.
 */
@Timeout(120)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoints.web.exposure.include=health,minigun", "minigun.progress.interval=0"})
class MinigunApplicationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private PipelineExecutor executor;

    @Autowired
    private OrderStore store;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private Map<String, Executor> executors;

    @Test
    void runsADiscoveredPipelineByNameWithInjectedDependenciesAndAStandaloneStageBean() {
        store.clear();

        RunResult result = executor.run("orders", Map.of("count", 10));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.produced()).isEqualTo(10);
        assertThat(store.totals()).hasSize(10).contains(110L, 1100L);
        assertThat(executor.pipelineNames()).containsExactly("endless", "orders");
        assertThat(executors).containsOnlyKeys("applicationTaskExecutor");
    }

    @Test
    void publishesMetersWithTheirTags() {
        assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
        // every stage's meters exist before its first run
        assertThat(registry.get("minigun.stage.items")
                .tags("pipeline", "endless", "stage", "drop", "outcome", "success").functionCounter()).isNotNull();
        double before = registry.get("minigun.stage.items")
                .tags("pipeline", "orders", "stage", "tax", "outcome", "success").functionCounter().count();
        double runsBefore = registry.get("minigun.pipeline.runs")
                .tags("pipeline", "orders", "status", "completed").functionTimer().count();

        executor.run("orders", Map.of("count", 20));

        assertThat(registry.get("minigun.stage.items")
                .tags("pipeline", "orders", "stage", "tax", "outcome", "success").functionCounter().count())
                .isEqualTo(before + 20);
        assertThat(registry.get("minigun.stage.items")
                .tags("pipeline", "orders", "stage", "price", "outcome", "failure").functionCounter().count())
                .isZero();
        assertThat(registry.get("minigun.stage.duration")
                .tags("pipeline", "orders", "stage", "store", "outcome", "success").functionTimer().count())
                .isGreaterThanOrEqualTo(20);
        assertThat(registry.get("minigun.stage.queue.size").tags("pipeline", "orders", "stage", "price").gauge())
                .isNotNull();
        assertThat(registry.get("minigun.stage.workers.active").tags("pipeline", "orders", "stage", "price").gauge()
                .value()).isZero();
        assertThat(registry.get("minigun.pipeline.runs").tags("pipeline", "orders", "status", "completed")
                .functionTimer().count()).isEqualTo(runsBefore + 1);
        assertThat(registry.get("minigun.pipeline.active").tag("pipeline", "orders").gauge().value()).isZero();
        assertThat(registry.find("minigun.stage.items").tag("stage", "tax").meters()).hasSize(3);
    }

    @Test
    void theEndpointListsInspectsStartsAndCancelsPipelinesOverHttp() throws Exception {
        HttpResponse<String> list = send("GET", "/actuator/minigun");
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> names = JsonPath.read(list.body(), "$.pipelines[*].name");
        assertThat(names).containsExactly("endless", "orders");
        List<String> stages = JsonPath.read(list.body(), "$.pipelines[?(@.name == 'orders')].stages[*].name");
        assertThat(stages).containsExactly("generate", "price", "tax", "store");

        HttpResponse<String> one = send("GET", "/actuator/minigun/orders");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(one.body(), "$.plan")).contains("Execution plan for pipeline 'orders'");
        assertThat((Integer) JsonPath.read(one.body(), "$.stages[1].workers")).isEqualTo(2);
        assertThat(send("GET", "/actuator/minigun/nope").statusCode()).isEqualTo(404);

        HttpResponse<String> started = send("POST", "/actuator/minigun/endless");
        assertThat(started.statusCode()).isEqualTo(200);
        String runId = JsonPath.read(started.body(), "$.runId");
        assertThat(runId).isNotBlank();

        await().atMost(WAIT).untilAsserted(() -> {
            String body = send("GET", "/actuator/minigun/endless").body();
            List<String> ids = JsonPath.read(body, "$.activeRuns[*].id");
            assertThat(ids).containsExactly(runId);
            List<Integer> consumed = JsonPath.read(body, "$.activeRuns[0].stages[?(@.name == 'drop')].consumed");
            assertThat(consumed).containsExactly(3);
        });

        HttpResponse<String> cancelled = send("DELETE", "/actuator/minigun/endless");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        List<String> cancelledIds = JsonPath.read(cancelled.body(), "$.runIds");
        assertThat(cancelledIds).containsExactly(runId);

        await().atMost(WAIT).untilAsserted(() -> {
            String body = send("GET", "/actuator/minigun/endless").body();
            assertThat((List<?>) JsonPath.read(body, "$.activeRuns")).isEmpty();
            assertThat((String) JsonPath.read(body, "$.lastRun.id")).isEqualTo(runId);
            assertThat((String) JsonPath.read(body, "$.lastRun.status")).isEqualTo("CANCELLED");
        });
        assertThat(send("POST", "/actuator/minigun/nope").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return ActuatorHttp.send(port, method, path);
    }
}
