package io.minigun.spring.boot.testapp;

import io.minigun.PipelineRun;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code minigun} endpoint over real HTTP: nothing of it answers unless it is exposed, and with read-only access
 * it can be read but neither starts nor cancels a run. (Exposed with full access, it does both:
 * {@link MinigunApplicationTests}.)
 */
@Timeout(120)
class MinigunEndpointAccessTests {

    @Test
    void notExposedNothingAnswersAndNoRunStartsOrEnds() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            PipelineExecutor executor = app.getBean(PipelineExecutor.class);
            assertThat(send(app, "GET", "/actuator/health").statusCode()).as("the actuator itself is up").isEqualTo(200);

            assertThat(send(app, "GET", "/actuator/minigun").statusCode()).isEqualTo(404);
            assertThat(send(app, "GET", "/actuator/minigun/endless").statusCode()).isEqualTo(404);
            assertThat(send(app, "POST", "/actuator/minigun/endless").statusCode()).isEqualTo(404);
            assertThat(executor.activeRuns("endless")).isEmpty();
            assertCannotCancel(app, executor, 404);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"management.endpoint.minigun.access=read-only",
            "management.endpoints.access.max-permitted=read-only"})
    void exposedReadOnlyItAnswersReadsButStartsAndCancelsNothing(String access) throws Exception {
        try (ConfigurableApplicationContext app = start("management.endpoints.web.exposure.include=minigun", access)) {
            PipelineExecutor executor = app.getBean(PipelineExecutor.class);

            assertThat(send(app, "GET", "/actuator/minigun").statusCode()).isEqualTo(200);
            assertThat(send(app, "GET", "/actuator/minigun/endless").statusCode()).isEqualTo(200);
            assertThat(send(app, "POST", "/actuator/minigun/endless").statusCode()).isEqualTo(405);
            assertThat(executor.activeRuns("endless")).as("runs started by the refused POST").isEmpty();
            assertCannotCancel(app, executor, 405);
        }
    }

    /** A run started in the application survives a DELETE that is answered {@code status}. */
    private static void assertCannotCancel(ConfigurableApplicationContext app, PipelineExecutor executor, int status)
            throws Exception {
        PipelineRun run = executor.start("endless");
        try {
            assertThat(send(app, "DELETE", "/actuator/minigun/endless").statusCode()).isEqualTo(status);
            assertThat(executor.activeRuns("endless")).containsExactly(run);
            assertThat(run.isDone()).isFalse();
        } finally {
            run.cancel();
            run.await(Duration.ofSeconds(30));
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(TestApplication.class)
                .properties("server.port=0", "minigun.progress.interval=0")
                .properties(properties)
                .run();
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext app, String method, String path)
            throws IOException, InterruptedException {
        return ActuatorHttp.send(((WebServerApplicationContext) app).getWebServer().getPort(), method, path);
    }
}
