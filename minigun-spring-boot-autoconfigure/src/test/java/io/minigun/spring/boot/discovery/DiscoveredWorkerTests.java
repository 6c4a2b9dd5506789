package io.minigun.spring.boot.discovery;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import io.minigun.spring.boot.discovery.worker.WhereaboutsPipeline;
import io.minigun.spring.boot.discovery.worker.WorkerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PROCESS stage of a pipeline class with no {@code @Component}: its worker JVM starts the same application in
 * worker mode, where the scan registers the class too, and takes the stage, injected dependency included, from it.
 */
@Timeout(180)
class DiscoveredWorkerTests {

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void aDiscoveredPipelinesProcessStageRunsInAWorkerThatDiscoversItToo() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE).properties("minigun.progress.interval=0").run()) {
            RunResult result = context.getBean(PipelineExecutor.class).run("whereabouts");

            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(result.consumed()).isEqualTo(10);
            String parent = "@" + ProcessHandle.current().pid();
            assertThat(context.getBean(WhereaboutsPipeline.class).labels())
                    .hasSize(10)
                    .noneMatch(label -> label.endsWith(parent))
                    .map(label -> label.substring(0, label.indexOf('@')))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(String::valueOf).toList());
        }
    }
}
