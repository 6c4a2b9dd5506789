package io.minigun.spring.boot.processapp;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stage bean with an injected dependency runs in two worker JVMs that start the same application; without a
 * keep-alive they stop at the end of the run (see {@link WarmWorkersTests} for the default, warm workers).
 */
@Timeout(180)
@SpringBootTest(classes = ProcessApplication.class,
        properties = {"minigun.progress.interval=0", "minigun.process.keep-alive=0"})
class ProcessWorkersTests {

    @Autowired
    private PipelineExecutor executor;

    @Autowired
    private GreetingPipeline pipeline;

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(20, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void aStageBeanWithAnInjectedDependencyRunsInDistinctWorkerJvms() {
        RunResult result = executor.run("greetings");

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(pipeline.received()).hasSize(40).allMatch(greeting -> greeting.startsWith("hello "));
        Set<String> pids = pipeline.received().stream()
                .map(greeting -> greeting.substring(greeting.lastIndexOf(' ') + 1))
                .collect(Collectors.toSet());
        assertThat(pids).hasSize(2).doesNotContain(String.valueOf(ProcessHandle.current().pid()));
    }
}
