package io.minigun.monitoring;

import io.minigun.Minigun;
import io.minigun.PipelineRun;
import io.minigun.RunStatus;
import io.minigun.execution.PipelineExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class ProgressReporterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PipelineExecutor executor = new PipelineExecutor();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void reportsItemsDoneRateAndBottleneckWhileARunIsActive() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        executor.register(Minigun.pipeline("p")
                .producer("gen", out -> {
                    out.emit(1);
                    out.emit(2);
                    release.await();
                })
                .processor("double", (Integer n) -> n * 2)
                .consumer("sink", (Integer n) -> { })
                .executor(executor).build());
        ProgressReporter reporter = new ProgressReporter(Duration.ofMillis(20), lines::add);
        executor.addListener(reporter);
        reporter.start();
        try {
            PipelineRun run = executor.start("p");
            await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.startsWith(
                    "Pipeline 'p' run " + run.id() + ": 2 items done, 2 produced, ")));
            assertThat(lines).allSatisfy(line -> assertThat(line).contains("items/s", "0 failed", "running"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("bottleneck "));

            release.countDown();
            assertThat(run.await(WAIT).status()).isEqualTo(RunStatus.COMPLETED);
        } finally {
            release.countDown();
            reporter.close();
        }
        assertThat(reporter.isRunning()).isFalse();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("minigun-progress") && t.isAlive()));
    }

    @Test
    void aZeroIntervalCreatesNoThread() {
        ProgressReporter reporter = new ProgressReporter(Duration.ZERO, lines::add);
        reporter.start();
        assertThat(reporter.isEnabled()).isFalse();
        assertThat(reporter.isRunning()).isFalse();
        reporter.close();
    }

    @Test
    void runHistoryKeepsTheLastResultOfEachPipeline() {
        executor.register(Minigun.pipeline("p").producer("gen", out -> out.emit(1))
                .consumer("sink", (Integer n) -> { }).executor(executor).build());
        RunHistory history = RunHistory.forExecutor(executor);
        assertThat(history.lastResult("p")).isEmpty();

        executor.run("p");
        String second = executor.run("p").id();

        assertThat(history.lastResult("p")).get().satisfies(r -> assertThat(r.id()).isEqualTo(second));
    }
}
