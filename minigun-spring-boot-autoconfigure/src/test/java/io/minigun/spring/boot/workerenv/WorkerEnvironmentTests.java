package io.minigun.spring.boot.workerenv;

import io.minigun.RunResult;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PROCESS worker sees the configuration its parent sees: {@code minigun.process.jvm-args} are its JVM's arguments,
 * and the parent's active profile and command-line property override are its own.
 */
@Timeout(120)
@ActiveProfiles("workerenv")
@SpringBootTest(classes = WorkerEnvironmentApplication.class,
        args = "--seen.from-command-line=command-line-value",
        properties = {"minigun.progress.interval=0",
                "minigun.process.jvm-args=-Dworker.marker=jvm-args-value,-Xmx77m",
                "minigun.process.keep-alive=0"})
class WorkerEnvironmentTests {

    @Autowired
    private PipelineExecutor executor;

    @Autowired
    private SeenPipeline pipeline;

    @Autowired
    private Environment environment;

    @AfterEach
    void noWorkerIsLeftBehind() {
        await().atMost(20, TimeUnit.SECONDS).until(() -> ProcessHandle.current().children().count() == 0);
    }

    @Test
    void aWorkerGetsTheJvmArgsTheActiveProfilesAndTheCommandLineOverridesOfItsParent() {
        // what the parent sees
        assertThat(environment.getActiveProfiles()).containsExactly("workerenv");
        assertThat(environment.getProperty("seen.from-profile")).isEqualTo("profile-value");
        assertThat(environment.getProperty("seen.from-command-line")).isEqualTo("command-line-value");

        RunResult result = executor.run("seen");

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(pipeline.received()).hasSize(1);
        Map<String, String> worker = pipeline.received().get(0);
        assertThat(worker.get("pid")).isNotEqualTo(String.valueOf(ProcessHandle.current().pid()));
        assertThat(worker.get("minigun.worker")).isEqualTo("true");
        assertThat(worker.get("jvm")).contains("-Xmx77m").contains("-Dworker.marker=jvm-args-value");
        assertThat(worker.get("worker.marker")).isEqualTo("jvm-args-value");
        assertThat(worker.get("profiles")).isEqualTo("[workerenv]");
        assertThat(worker.get("seen.from-profile")).isEqualTo("profile-value");
        assertThat(worker.get("seen.from-command-line")).isEqualTo("command-line-value");
        // the worker's application context creates only what its PROCESS stages need (the parent creates it all)
        assertThat(UnneededService.CREATED).isTrue();
        assertThat(worker.get("unneeded.created")).isEqualTo("false");
    }
}
